import { buildApp } from 'fauxqs';
import { LOOPBACK } from './ports';

export interface RunningSqsS3 {
  endpoint: string;
  port: number;
  /** Registers a hook run after each successful S3 object write or delete (path-style requests). */
  onObjectChange(listener: (change: ObjectChange) => void): void;
  stop(): Promise<void>;
}

export interface ObjectChange {
  kind: 'put' | 'delete';
  bucket: string;
  key: string;
}

/**
 * SQS and S3 from fauxqs, in this process. We build its app ourselves because `startFauxqs` listens on
 * every interface; the local stack binds only to loopback. Queues and objects live in memory: the
 * local stack re-creates queues at boot and mirrors objects to disk (see s3-disk-mirror.ts).
 */
export const startSqsS3 = async (options: { port: number; region: string }): Promise<RunningSqsS3> => {
  // No `host` option: queue URLs then use the request's own host, 127.0.0.1:<port>, which resolves.
  const app = buildApp({ logger: false, defaultRegion: options.region });
  const listeners: Array<(change: ObjectChange) => void> = [];
  app.addHook(
    'onResponse',
    async (request: { method: string; url: string }, reply: { statusCode: number }) => {
      if (reply.statusCode >= 300 || (request.method !== 'PUT' && request.method !== 'DELETE')) return;
      const path = request.url.split('?')[0] ?? '';
      const [, bucket, ...rest] = path.split('/');
      if (
        !bucket ||
        rest.length === 0 ||
        request.url.includes('uploadId=') ||
        request.url.includes('partNumber=')
      )
        return;
      const key = decodeURIComponent(rest.join('/'));
      for (const listener of listeners)
        listener({ kind: request.method === 'PUT' ? 'put' : 'delete', bucket, key });
    },
  );
  await app.listen({ port: options.port, host: LOOPBACK });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    onObjectChange: (listener) => listeners.push(listener),
    stop: () => app.close(),
  };
};
