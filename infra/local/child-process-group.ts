import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const commandLineOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};

const killGroup = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
};

/**
 * After a hard kill of `npm start` the detached child survives; its pid file lets the next start
 * find it. The command-line check keeps us from killing an unrelated process that reused the pid.
 */
export const stopStaleProcess = async (pidFile: string, marker: string): Promise<number | undefined> => {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !commandLineOf(pid).includes(marker))
    return undefined;
  killGroup(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) killGroup(pid, 'SIGKILL');
  return pid;
};

export interface ManagedProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote so far, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Spawns a child in its own process group, so stopping it also stops anything it started,
 * and makes sure it dies with us on any normal exit of this process.
 */
export const spawnManaged = (
  command: string,
  args: string[],
  options: { pidFile?: string; cwd?: string },
): ManagedProcess => {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${command}`);
  if (options.pidFile) writeFileSync(options.pidFile, String(pid));
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const killOnExit = () => killGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);

  return {
    child,
    output: () => output,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        killGroup(pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (options.pidFile) rmSync(options.pidFile, { force: true });
    },
  };
};
