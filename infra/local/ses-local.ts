import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';
import { LOOPBACK } from './ports';

export interface RunningSes {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** SES v1/v2 from aws-ses-v2-local. Its web inbox at `/` is the sent-mail viewer; `/store` is JSON. */
type StartSes = typeof sesModule;
// The package is CommonJS with `exports.default`; under Node's ESM interop that lands one level deeper.
const sesLocal: StartSes =
  typeof sesModule === 'function' ? sesModule : (sesModule as unknown as { default: StartSes }).default;

export const startSes = async (options: { port: number }): Promise<RunningSes> => {
  const server: Server = await sesLocal({ host: LOOPBACK, port: options.port });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
