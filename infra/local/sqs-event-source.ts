import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { localLambdaContext } from './lambda-context';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface RunningEventSource {
  stop(): Promise<void>;
}

/**
 * Does locally what a Lambda event source mapping does on AWS: long-polls the queue, hands batches
 * to the handler, deletes what succeeded and leaves reported failures to come back after the
 * visibility timeout (and to the DLQ after maxReceiveCount, which the queue enforces).
 */
export const startSqsEventSource = async (options: {
  sqs: SQSClient;
  queueUrl: string;
  functionName: string;
  handler: SqsHandler;
  region: string;
  batchSize?: number;
  onError: (error: unknown) => void;
}): Promise<RunningEventSource> => {
  const { sqs, queueUrl } = options;
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queueArn = attributes.Attributes?.QueueArn ?? queueUrl;
  let running = true;
  const abort = new AbortController();

  const loop = async () => {
    while (running) {
      try {
        const out = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: options.batchSize ?? 10,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        const messages = out.Messages ?? [];
        if (messages.length === 0) continue;
        const event: SQSEvent = {
          Records: messages.map((m) => ({
            messageId: m.MessageId ?? '',
            receiptHandle: m.ReceiptHandle ?? '',
            body: m.Body ?? '',
            attributes: {
              ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
              SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
              SenderId: m.Attributes?.SenderId ?? 'local',
              ApproximateFirstReceiveTimestamp:
                m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
            },
            messageAttributes: {},
            md5OfBody: m.MD5OfBody ?? '',
            eventSource: 'aws:sqs',
            eventSourceARN: queueArn,
            awsRegion: options.region,
          })),
        };
        let failed = new Set<string>(event.Records.map((r) => r.messageId));
        try {
          const response = await options.handler(event, localLambdaContext(options.functionName));
          failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        } catch (error) {
          options.onError(error);
        }
        const done = event.Records.filter((r) => !failed.has(r.messageId));
        if (done.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
            }),
          );
        }
      } catch (error) {
        if (!running) return;
        options.onError(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  const done = loop();
  return {
    stop: async () => {
      running = false;
      abort.abort();
      await done;
    },
  };
};
