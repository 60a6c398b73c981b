import { randomUUID } from 'node:crypto';

/** The notification S3 sends to SQS for a new object (event version 2.1), as the intake Lambda receives it. */
export const objectCreatedNotification = (
  bucket: string,
  key: string,
  size: number,
  region: string,
  at = new Date(),
) => ({
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: region,
      eventTime: at.toISOString(),
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'AWS:local' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': randomUUID(), 'x-amz-id-2': randomUUID() },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'raw-mail',
        bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
        object: {
          key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
          size,
          sequencer: at.getTime().toString(16).toUpperCase(),
        },
      },
    },
  ],
});
