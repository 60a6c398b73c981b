import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from '../infra/local/ports';

export interface Exchange {
  at: number;
  method: string;
  path: string;
  /** The JSON protocols' operation (X-Amz-Target), or the REST path's method and first segment. */
  operation: string;
  requestBody: Buffer;
  responseBody: Buffer;
}

/**
 * A pass-through in front of one local AWS endpoint that sees every exchange: the benchmarks count
 * requests and read what they cost from it. `rewrite` may change a JSON request on its way.
 */
export const startCountingProxy = async (
  target: string,
  onExchange: (exchange: Exchange) => void,
  rewrite?: (operation: string, body: Buffer) => Buffer,
) => {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const targetHeader = req.headers['x-amz-target'];
      const operation =
        typeof targetHeader === 'string'
          ? (targetHeader.split('.').pop() ?? targetHeader)
          : `${req.method} ${(req.url ?? '/').split('?')[0]?.split('/').slice(0, 3).join('/')}`;
      const original = Buffer.concat(chunks);
      const body = rewrite ? rewrite(operation, original) : original;
      const headers = { ...req.headers, 'content-length': String(body.length) };
      const forward = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
        (answer) => {
          const out: Buffer[] = [];
          answer.on('data', (c: Buffer) => out.push(c));
          answer.on('end', () => {
            const responseBody = Buffer.concat(out);
            onExchange({
              at,
              method: req.method ?? '',
              path: req.url ?? '',
              operation,
              requestBody: body,
              responseBody,
            });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(responseBody);
          });
        },
      );
      forward.on('error', (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return {
    endpoint: `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
