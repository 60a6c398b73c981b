import { SendMessageCommand, SQSClient, type SQSClientConfig } from '@aws-sdk/client-sqs';

/**
 * SQS bodies may only hold certain Unicode characters: not U+FFFE and U+FFFF (noncharacters), and
 * fauxqs (the local SQS) is stricter than AWS: it rejects everything above U+FFFF, emoji included.
 * We therefore always send JSON with those characters (and any lone surrogates, which JSON.stringify
 * escapes itself) written as `\uXXXX` escapes: still plain JSON, decoded by `JSON.parse` into
 * exactly the original text, and accepted by both.
 */
export const encodeSqsJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\uFFFE\uFFFF\u{10000}-\u{10FFFF}]/gu, (char) =>
    [...Array(char.length).keys()]
      .map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`)
      .join(''),
  );

export const decodeSqsJson = (body: string): unknown => JSON.parse(body);

/** SQS clients address queues by URL; `useQueueUrlAsEndpoint: false` keeps the configured endpoint. */
export const createSqsClient = (config: SQSClientConfig = {}) =>
  new SQSClient({ useQueueUrlAsEndpoint: false, ...config });

export const sendJson = async (
  sqs: SQSClient,
  queueUrl: string,
  value: unknown,
  options: { delaySeconds?: number } = {},
) => {
  const out = await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: encodeSqsJson(value),
      DelaySeconds: options.delaySeconds,
    }),
  );
  return out.MessageId;
};
