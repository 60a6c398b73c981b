import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from '../infra/local/ports';

/**
 * Sits between the functions and the local SES and notes, to the millisecond, when each mail was
 * handed over (the local SES itself keeps only seconds). Keyed by the SES message id it answered.
 */
export const startSesProbe = async (target: string) => {
  const sentAt = new Map<string, number>();
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const at = performance.now();
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const id = /"MessageId"\s*:\s*"([^"]+)"|<MessageId>([^<]+)<\/MessageId>/.exec(
            body.toString('utf8'),
          );
          if (id) sentAt.set(id[1] ?? id[2] ?? '', at);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(body);
        });
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return {
    endpoint: `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`,
    sentAt,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
