/** Default ports of the local stack; each can be moved with its environment variable. */
export const LOCAL_PORT_DEFAULTS = {
  http: { env: 'VA_HTTP_PORT', port: 3000 },
  smtp: { env: 'VA_SMTP_PORT', port: 2525 },
  ses: { env: 'VA_SES_PORT', port: 8005 },
  dynamodb: { env: 'VA_DYNAMODB_PORT', port: 8000 },
  sqs: { env: 'VA_SQS_PORT', port: 4566 },
  sfn: { env: 'VA_SFN_PORT', port: 8083 },
} as const;

export type LocalService = keyof typeof LOCAL_PORT_DEFAULTS;
export type LocalPorts = Record<LocalService, number>;

export const LOOPBACK = '127.0.0.1';

export const resolvePorts = (env: NodeJS.ProcessEnv = process.env): LocalPorts => {
  const ports = {} as LocalPorts;
  for (const [service, { env: name, port }] of Object.entries(LOCAL_PORT_DEFAULTS)) {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? port : Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > 65535) {
      throw new Error(`${name}=${raw} is not a port number (0-65535)`);
    }
    ports[service as LocalService] = value;
  }
  return ports;
};
