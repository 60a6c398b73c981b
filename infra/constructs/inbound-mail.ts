import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { EventType } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { S3 as S3Action } from 'aws-cdk-lib/aws-ses-actions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUCKET_PREFIXES } from './mail-bucket';

export interface InboundMailProps {
  readonly inboxAddress: string;
  readonly bucket: Bucket;
  readonly intakeQueue: Queue;
  readonly ruleSetName: string;
}

/**
 * The way in for mail: SES receives for the inbox address (TLS required, spam and virus scanning
 * on, verdicts in the headers), writes the raw message to S3, and S3 tells the intake queue. The
 * mail is stored before anything else touches it. A receipt rule set must be made active once per
 * account and region (see docs/deploy.md); CloudFormation cannot do that.
 */
export class InboundMail extends Construct {
  readonly ruleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: props.ruleSetName });
    this.ruleSet.addRule('Inbox', {
      recipients: [props.inboxAddress],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [new S3Action({ bucket: props.bucket, objectKeyPrefix: BUCKET_PREFIXES.rawMail })],
    });
    props.bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(props.intakeQueue), {
      prefix: BUCKET_PREFIXES.rawMail,
    });
  }
}
