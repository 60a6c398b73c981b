import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { domainOf } from '../../shared/config';
import type { DeployConfig } from '../config';
import { AppFunction } from '../constructs/app-function';
import {
  grantAnswerWorkflow,
  grantObjects,
  grantSendMail,
  grantStartWorkflow,
  grantTable,
} from '../constructs/grants';
import { BUCKET_PREFIXES } from '../constructs/mail-bucket';
import { MonthlyStatements } from '../constructs/monthly-statements';
import { acknowledge } from '../constructs/nag';
import { OperatorAlarms } from '../constructs/operator-alarms';
import { OperatorDigest } from '../constructs/operator-digest';
import { TaskLifecycle } from '../constructs/task-lifecycle';
import { deployedNames } from '../definitions/deployed-names';

export interface StatelessStackProps extends StackProps {
  readonly config: DeployConfig;
}

/** Everything that only computes: functions, the HTTP API. Safe to replace at any time. */
export class StatelessStack extends Stack {
  readonly intakeEmail: AppFunction;
  readonly httpApiFunction: AppFunction;
  readonly httpApi: HttpApi;
  readonly workflowFunction: AppFunction;
  readonly lifecycle: TaskLifecycle;
  readonly alarms: OperatorAlarms;
  readonly statements: MonthlyStatements;
  readonly digest: OperatorDigest;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    // The stateful resources, found by their deterministic names (no CloudFormation exports).
    const names = deployedNames(config.stage);
    const table = TableV2.fromTableName(this, 'Table', names.tableName);
    const bucket = Bucket.fromBucketName(this, 'Bucket', names.bucketName);
    const intakeQueue = Queue.fromQueueArn(
      this,
      'IntakeQueue',
      this.formatArn({
        service: 'sqs',
        resource: names.intakeQueueName,
        arnFormat: ArnFormat.NO_RESOURCE_NAME,
      }),
    );
    // Built from the name, not taken from the state machine: the workflow function is in its
    // definition and answers its tokens, so a reference would be circular.
    const stateMachineArn = this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: names.stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const shared = {
      TABLE_NAME: table.tableName,
      BUCKET_NAME: bucket.bucketName,
      AGENCY_NAME: config.agencyName,
      SENDER_ADDRESS: config.senderAddress,
      STATE_MACHINE_ARN: stateMachineArn,
    };
    const senderDomain = domainOf(config.senderAddress);

    const operatorEnv = {
      OPERATOR_EMAIL: config.operatorEmail,
      OPERATOR_LANGUAGE: config.operatorLanguage,
    };
    this.intakeEmail = new AppFunction(this, 'IntakeEmail', {
      name: 'intake-email',
      environment: { ...shared, ...operatorEnv },
      // Visibility timeout of the intake queue (180 s) is six times this, as AWS advises.
      timeout: Duration.seconds(30),
    });
    this.intakeEmail.fn.addEventSource(
      new SqsEventSource(intakeQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxBatchingWindow: Duration.seconds(1),
      }),
    );
    grantTable(this.intakeEmail.fn, table);
    grantObjects(this.intakeEmail.fn, bucket, {
      read: [BUCKET_PREFIXES.rawMail],
      write: [BUCKET_PREFIXES.attachments],
    });
    grantSendMail(this.intakeEmail.fn, this, senderDomain);
    grantStartWorkflow(this.intakeEmail.fn, stateMachineArn);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'va-router: web form, offer and completion links',
      corsPreflight: { allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST], allowOrigins: [] },
      createDefaultStage: false,
    });
    // The default stage is declared here only to give it access logs.
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'ApiAccessLogs', {
            retention: RetentionDays.THREE_MONTHS,
            removalPolicy: RemovalPolicy.DESTROY,
          }),
        ),
      },
    });
    acknowledge(
      this.httpApi,
      'AwsSolutions-APIG4',
      'The web form and the mailed links are public by design; each carries a 128-bit token checked by the function.',
    );
    const publicBaseUrl =
      config.publicBaseUrl || `https://${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;
    // Intake's first mail about a task carries the client's withdraw link, to this API.
    this.intakeEmail.fn.addEnvironment('PUBLIC_BASE_URL', publicBaseUrl);
    const routingEnv = {
      ...shared,
      PUBLIC_BASE_URL: publicBaseUrl,
      ...operatorEnv,
    };
    this.httpApiFunction = new AppFunction(this, 'HttpApiFunction', {
      name: 'http-api',
      environment: routingEnv,
      timeout: Duration.seconds(10),
    });
    grantStartWorkflow(this.httpApiFunction.fn, stateMachineArn);
    grantAnswerWorkflow(this.httpApiFunction.fn, stateMachineArn);

    this.workflowFunction = new AppFunction(this, 'WorkflowFunction', {
      name: 'workflow',
      environment: routingEnv,
      timeout: Duration.seconds(30),
    });
    grantTable(this.workflowFunction.fn, table);
    grantSendMail(this.workflowFunction.fn, this, senderDomain);
    grantAnswerWorkflow(this.workflowFunction.fn, stateMachineArn);
    this.lifecycle = new TaskLifecycle(this, 'TaskLifecycle', {
      stateMachineName: names.stateMachineName,
      steps: this.workflowFunction.fn,
    });
    grantTable(this.httpApiFunction.fn, table);
    grantObjects(this.httpApiFunction.fn, bucket, {
      // Reads sign the download links of a task's files for its VA, and of invoices for their client.
      read: [BUCKET_PREFIXES.attachments, BUCKET_PREFIXES.uploads, BUCKET_PREFIXES.statements],
      write: [BUCKET_PREFIXES.forms, BUCKET_PREFIXES.uploads],
    });
    grantSendMail(this.httpApiFunction.fn, this, senderDomain);
    const integration = new HttpLambdaIntegration('HttpApiIntegration', this.httpApiFunction.fn);
    for (const [path, methods] of [
      ['/health', [HttpMethod.GET]],
      ['/submit', [HttpMethod.GET]],
      ['/tasks', [HttpMethod.POST]],
      ['/confirm/{token}', [HttpMethod.GET, HttpMethod.POST]],
      ['/o/{token}', [HttpMethod.GET]],
      ['/o/{token}/{decision}', [HttpMethod.POST]],
      ['/t/{token}/done', [HttpMethod.GET, HttpMethod.POST]],
      ['/t/{token}/give-back', [HttpMethod.GET, HttpMethod.POST]],
      ['/w/{token}', [HttpMethod.GET, HttpMethod.POST]],
      ['/t/{token}/files/{index}', [HttpMethod.GET]],
      ['/invoices/{file}', [HttpMethod.GET]],
      ['/v/{token}', [HttpMethod.GET]],
      ['/v/{token}/time-off', [HttpMethod.POST]],
      ['/v/{token}/time-off/remove', [HttpMethod.POST]],
    ] as const) {
      this.httpApi.addRoutes({ path, methods: [...methods], integration });
    }
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.apiEndpoint });

    this.statements = new MonthlyStatements(this, 'Statements', {
      environment: {
        ...shared,
        SELLER_STREET: config.seller.street,
        SELLER_POSTAL_CODE: config.seller.postalCode,
        SELLER_CITY: config.seller.city,
        SELLER_COUNTRY: config.seller.country,
        SELLER_VAT_ID: config.seller.vatId,
        SELLER_EMAIL: config.seller.email,
        SELLER_PHONE: config.seller.phone,
        SELLER_IBAN: config.seller.iban,
        PAYMENT_TERMS_DAYS: String(config.seller.paymentTermsDays),
      },
      table,
      bucket,
      queueName: names.statementsQueueName,
      senderDomain,
    });

    this.digest = new OperatorDigest(this, 'Operator', {
      environment: {
        TABLE_NAME: table.tableName,
        BUCKET_NAME: bucket.bucketName,
        AGENCY_NAME: config.agencyName,
        SENDER_ADDRESS: config.senderAddress,
        REMIND_AFTER_DAYS: String(config.paymentReminderAfterDays),
        ...operatorEnv,
      },
      table,
      bucket,
      senderDomain,
    });

    const deadLetters = (id: string, queueName: string) =>
      Queue.fromQueueArn(
        this,
        id,
        this.formatArn({ service: 'sqs', resource: queueName, arnFormat: ArnFormat.NO_RESOURCE_NAME }),
      );
    const intakeDeadLetters = Queue.fromQueueArn(
      this,
      'IntakeDeadLetterQueue',
      this.formatArn({
        service: 'sqs',
        resource: names.intakeDeadLetterQueueName,
        arnFormat: ArnFormat.NO_RESOURCE_NAME,
      }),
    );
    this.alarms = new OperatorAlarms(this, 'Alarms', {
      operatorEmail: config.operatorEmail,
      functions: {
        IntakeEmail: this.intakeEmail.fn,
        HttpApi: this.httpApiFunction.fn,
        Workflow: this.workflowFunction.fn,
        StatementsStart: this.statements.start.fn,
        SendStatement: this.statements.send.fn,
        OperatorDigest: this.digest.fn.fn,
      },
      deadLetterQueues: {
        Intake: intakeDeadLetters,
        Statements: deadLetters('StatementsDeadLetterQueue', names.statementsDeadLetterQueueName),
      },
      stateMachine: this.lifecycle.stateMachine,
    });
  }
}
