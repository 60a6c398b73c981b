import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from '../ports';
import type { LocalStepFunctions } from './engine';
import { SfnApiError } from './errors';

type Operation = (engine: LocalStepFunctions, input: never) => unknown;

/** The Step Functions actions the local engine answers, by their `X-Amz-Target` name. */
const OPERATIONS: Record<string, Operation> = {
  StartExecution: (e, i: Parameters<LocalStepFunctions['startExecution']>[0]) => e.startExecution(i),
  SendTaskSuccess: (e, i: Parameters<LocalStepFunctions['sendTaskSuccess']>[0]) => e.sendTaskSuccess(i),
  SendTaskFailure: (e, i: Parameters<LocalStepFunctions['sendTaskFailure']>[0]) => e.sendTaskFailure(i),
  SendTaskHeartbeat: (e, i: Parameters<LocalStepFunctions['sendTaskHeartbeat']>[0]) => e.sendTaskHeartbeat(i),
  DescribeExecution: (e, i: Parameters<LocalStepFunctions['describeExecution']>[0]) => e.describeExecution(i),
  ListExecutions: (e, i: Parameters<LocalStepFunctions['listExecutions']>[0]) => e.listExecutions(i),
  StopExecution: (e, i: Parameters<LocalStepFunctions['stopExecution']>[0]) => e.stopExecution(i),
  GetExecutionHistory: (e, i: Parameters<LocalStepFunctions['getExecutionHistory']>[0]) =>
    e.getExecutionHistory(i),
  DescribeStateMachine: (e, i: Parameters<LocalStepFunctions['describeStateMachine']>[0]) =>
    e.describeStateMachine(i),
  ListStateMachines: (e) => e.listStateMachines(),
};

const readBody = async (req: IncomingMessage, limit = 1_048_576): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new SfnApiError('ValidationException', 'Request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * Serves the engine over the AWS JSON 1.0 protocol, so handlers and the CLI use the official
 * `@aws-sdk/client-sfn` through `AWS_ENDPOINT_URL_SFN` exactly as on AWS.
 */
export const startStepFunctionsServer = async (engine: LocalStepFunctions, port: number) => {
  const server = createServer(async (req, res) => {
    const reply = (status: number, body: unknown, errorType?: string) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(JSON.stringify(body));
    };
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = OPERATIONS[target.replace(/^AWSStepFunctions\./, '')];
      if (req.method !== 'POST' || !operation)
        throw new SfnApiError('UnknownOperationException', `Not supported locally: ${target || req.method}`);
      const body = await readBody(req);
      reply(200, operation(engine, (body ? JSON.parse(body) : {}) as never) ?? {});
    } catch (error) {
      if (error instanceof SfnApiError)
        reply(400, { __type: error.code, message: error.message }, error.code);
      else reply(500, { __type: 'InternalFailure', message: String(error) }, 'InternalFailure');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://${LOOPBACK}:${actual}`,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
