export interface RateLimit {
  /** Name of the window, part of the counter key, e.g. "10m". */
  window: string;
  seconds: number;
  max: number;
}

/** Fixed-window counters; the check and the count are one atomic step. */
export interface RateLimiter {
  /** Counts one event for `subject`; false (and nothing counted in that window) once a limit is reached. */
  consume(subject: string, limits: readonly RateLimit[], now: Date): Promise<boolean>;
}
