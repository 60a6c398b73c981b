import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

export interface MailBucketProps {
  /** Days raw inbound mail is kept before S3 deletes it. */
  readonly rawMailRetentionDays: number;
  readonly bucketName: string;
  readonly accessLogBucketName: string;
}

/** Prefixes inside the bucket; raw mail is the only thing that expires. */
export const BUCKET_PREFIXES = {
  rawMail: 'raw/',
  attachments: 'attachments/',
  /** Web form submissions, stored raw before anything else. */
  forms: 'forms/',
  uploads: 'uploads/',
  statements: 'statements/',
} as const;

/** Raw mail, attachments and statements: private, encrypted, TLS only, retained. */
export class MailBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: MailBucketProps) {
    super(scope, id);
    // S3 server access logs: who read or wrote client mail. The log bucket cannot log to itself.
    const accessLogs = new Bucket(this, 'AccessLogs', {
      bucketName: props.accessLogBucketName,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    acknowledge(accessLogs, 'AwsSolutions-S1', 'This is the access log bucket itself.');
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'mail-bucket/',
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-raw-mail',
          prefix: BUCKET_PREFIXES.rawMail,
          expiration: Duration.days(props.rawMailRetentionDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
  }
}
