import { join } from 'node:path';
import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

export interface AppFunctionProps {
  /** Folder under functions/, e.g. "intake-email". */
  readonly name: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly reservedConcurrency?: number;
}

const ROOT = join(import.meta.dirname, '..', '..');
export const FUNCTION_TAG = 'va-router:function';

/**
 * Every Lambda of va-router with the same defaults: Node 22 on arm64, ESM bundles with the AWS SDK
 * bundled and tree-shaken (smaller and faster to start than the runtime's copy), source maps, JSON
 * logs kept for a month, X-Ray tracing.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new NodejsFunction(this, 'Fn', {
      entry: join(ROOT, 'functions', props.name, 'handler.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'va-router',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        externalModules: [],
        // ESM bundles need `require` for the few CommonJS dependencies inside.
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        metafile: true,
        mainFields: ['module', 'main'],
        // Lambda passes credentials in the environment: the rest of the SDK's default chain stays out.
        esbuildArgs: {
          '--alias': [
            `@aws-sdk/credential-provider-node=${join(ROOT, 'shared', 'adapters', 'lambda-credentials.ts')}`,
          ],
        },
      },
    });
    // Names the function's folder: cost reports group by it, and the local stack binds handlers by it.
    Tags.of(this.fn).add(FUNCTION_TAG, props.name);
    acknowledge(
      this,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'Grants only CloudWatch Logs writes, which every function needs; AWS maintains it.',
    );
    acknowledge(
      this,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing actions do not support resource-level permissions.',
    );
    acknowledge(
      this,
      'AwsSolutions-L1',
      'Node 22 is the runtime va-router is tested on (DESIGN.md); moving on is a deliberate bump.',
    );
  }
}
