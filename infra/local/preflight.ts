import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { LOOPBACK } from './ports';

export class PreflightError extends Error {}

const JAVA_HELP =
  'DynamoDB Local needs Java 17 or newer. On Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk-headless';

export interface JavaRuntime {
  major: number;
  /** Whether `java File.java` works (a JDK, not only a JRE): needed to bind DynamoDB Local to loopback. */
  canRunSource: boolean;
}

/** Fails fast, with the command that fixes it, when Java is missing or too old. */
export const checkJava = (): JavaRuntime => {
  const version = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) throw new PreflightError(`Java was not found. ${JAVA_HELP}`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(version.stderr);
  const first = Number(match?.[1] ?? 0);
  const major = first === 1 ? Number(match?.[2] ?? 0) : first;
  if (major < 17) throw new PreflightError(`Java ${major || 'of unknown version'} is too old. ${JAVA_HELP}`);
  const modules = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  return { major, canRunSource: modules.stdout.includes('jdk.compiler@') };
};

/** Resolves when `port` can be bound on loopback; rejects with a message naming the env variable. */
export const assertPortFree = (port: number, what: string, envName: string): Promise<void> =>
  new Promise((resolve, reject) => {
    if (port === 0) return resolve();
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new PreflightError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} for ${what} is taken by another program. Stop it or choose another port: ${envName}=<port> npm start`
            : `Cannot listen on ${LOOPBACK}:${port} for ${what}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, LOOPBACK, () => probe.close(() => resolve()));
  });

/** A port that was free a moment ago, for servers (like Java's) that cannot report the one they got. */
export const findFreePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
