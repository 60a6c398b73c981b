/** Time for the engine: real in `npm start`, moved by hand in tests so a 4-hour timeout takes no time. */
export interface EngineClock {
  now(): number;
  /** Calls `fn` at `at` (epoch ms) or soon after; returns a cancel function. */
  schedule(at: number, fn: () => void): () => void;
}

/** Node timers overflow after 2^31-1 ms (24.8 days); longer waits re-arm until they are due. */
const MAX_TIMER_MS = 2_147_483_647;

export const realClock: EngineClock = {
  now: () => Date.now(),
  schedule(at, fn) {
    let timer: NodeJS.Timeout;
    const arm = () => {
      const delay = Math.max(0, at - Date.now());
      timer = setTimeout(delay > MAX_TIMER_MS ? arm : fn, Math.min(delay, MAX_TIMER_MS));
    };
    arm();
    return () => clearTimeout(timer);
  },
};

export class ManualClock implements EngineClock {
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 0;

  constructor(private current = Date.UTC(2026, 10, 23, 8, 0)) {}

  now() {
    return this.current;
  }

  schedule(at: number, fn: () => void) {
    const id = this.nextId++;
    this.timers.push({ at, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number) {
    const until = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = until;
  }
}
