import { randomBytes, randomUUID } from 'node:crypto';
import { SFNClient } from '@aws-sdk/client-sfn';
import { type LinkDeps, routeLink } from '../../functions/http-api/link-routes';
import { runStep, StepEventSchema } from '../../functions/workflow/steps';
import { startHttpApi } from '../../infra/local/http-api';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../../infra/local/local-stack';
import { ManualClock } from '../../infra/local/step-functions/clock';
import { synthesizeStateMachines } from '../../infra/local/step-functions/definition-from-app';
import { LocalStepFunctions } from '../../infra/local/step-functions/engine';
import { MemoryJournal } from '../../infra/local/step-functions/journal';
import { startStepFunctionsServer } from '../../infra/local/step-functions/server';
import { createRoutingDeps } from '../../shared/adapters/routing-wiring';
import { S3BlobStore } from '../../shared/adapters/s3/s3-blob-store';
import { SfnWorkflow } from '../../shared/adapters/sfn/sfn-workflow';
import { loadConfig, RoutingConfigSchema } from '../../shared/config';
import type { Offer } from '../../shared/domain/offer';
import type { Task } from '../../shared/domain/task';
import { startRouting } from '../../shared/use-cases/routing/operator';
import { DONE_LINK_IN_TEXT, OFFER_LINK_IN_TEXT } from '../../shared/web/link-paths';
import { aTask } from './builders';
import { createTestTable } from './emulators';
import { sentAbout } from './mail';

/** Monday 23 November 2026, 09:00 in Berlin: inside every test VA's working hours. */
export const HARNESS_START = Date.parse('2026-11-23T08:00:00Z');

/**
 * The routing part of the agency for one test file: its own table, the synthesized state machine
 * on an engine whose clock the test moves, the Step Functions API and the link pages on loopback
 * ports, and the shared SES emulator. Handlers and use cases are the production ones.
 */
export const startRoutingHarness = async () => {
  const { tableName, db } = await createTestTable();
  const clock = new ManualClock(HARNESS_START);
  let deps: LinkDeps | undefined;
  const engine = new LocalStepFunctions({
    clock,
    journal: new MemoryJournal(),
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT,
    invoke: async (_arn, payload) => runStep(StepEventSchema.parse(payload), deps as LinkDeps),
  });
  const [lifecycle] = synthesizeStateMachines(LOCAL_REGION, LOCAL_ACCOUNT);
  if (!lifecycle) throw new Error('The CDK app has no state machine');
  const stateMachineArn = engine.registerStateMachine(`${tableName}-lifecycle`, lifecycle.definition);
  const sfnServer = await startStepFunctionsServer(engine, 0);
  const api = await startHttpApi({
    port: 0,
    handler: async (event) =>
      (await routeLink(event, deps as LinkDeps)) ?? { statusCode: 404, body: 'Not found' },
    onError: (e) => console.error(e),
  });
  const sfn = new SFNClient({ endpoint: sfnServer.endpoint });
  const operatorEmail = `ops-${randomUUID().slice(0, 8)}@agency.example`;
  const config = loadConfig(RoutingConfigSchema, {
    ...process.env,
    TABLE_NAME: tableName,
    STATE_MACHINE_ARN: stateMachineArn,
    PUBLIC_BASE_URL: api.url,
    OPERATOR_EMAIL: operatorEmail,
  });
  deps = {
    ...createRoutingDeps(config, {
      runtime: { now: () => new Date(clock.now()), randomBytes: (n) => randomBytes(n) },
      workflow: new SfnWorkflow(stateMachineArn, sfn),
    }),
    blobs: new S3BlobStore(config.BUCKET_NAME),
  };
  const routing = deps;
  const executionArn = (name: string) =>
    `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

  return {
    deps: routing,
    db,
    tableName,
    clock,
    engine,
    operatorEmail,
    baseUrl: api.url,
    /** Moves time and lets every step the timers started finish. */
    advance: async (ms: number) => {
      clock.advance(ms);
      await engine.idle();
    },
    execution: (name: string) => engine.describeExecution({ executionArn: executionArn(name) }),
    statesEntered: (name: string) =>
      engine
        .getExecutionHistory({ executionArn: executionArn(name) })
        .events.filter((e) => e.type.endsWith('StateEntered'))
        .map((e) => e.stateEnteredEventDetails?.name),
    /** Stores a task (due in three days, an hour's work, unless `overrides` say otherwise) and routes it. */
    routeTask: async (overrides: Partial<Task> & Pick<Task, 'id' | 'clientId'>) => {
      const at = new Date(clock.now()).toISOString();
      const task = aTask({
        effortMinutes: 60,
        deadline: new Date(clock.now() + 72 * 3_600_000).toISOString(),
        createdAt: at,
        updatedAt: at,
        ...overrides,
      });
      await routing.tasks.create(task);
      await startRouting(routing.workflow, task);
      await engine.idle();
      return task;
    },
    /**
     * Runs `action` once, after an offer round has read the task and just before it stores its first
     * offer: where a withdrawal, cancel or reroute races the round. Returns what undoes the hook.
     */
    beforeNextOffer: (action: (offer: Offer) => Promise<unknown>) => {
      const create = routing.offers.create;
      routing.offers.create = async (offer, ttl, run) => {
        routing.offers.create = create;
        await action(offer);
        return create.call(routing.offers, offer, ttl, run);
      };
      return () => {
        routing.offers.create = create;
      };
    },
    /** GET or POST on the link pages, as a browser would. */
    request: async (path: string, init?: { method?: string; form?: Record<string, string> }) => {
      const response = await fetch(`${api.url}${path}`, {
        method: init?.method ?? 'GET',
        ...(init?.form
          ? {
              body: new URLSearchParams(init.form),
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            }
          : {}),
      });
      const html = await response.text();
      return { status: response.status, heading: /<h1>(.*?)<\/h1>/s.exec(html)?.[1] ?? '', html };
    },
    stop: async () => {
      await engine.stop();
      await api.stop();
      await sfnServer.stop();
      sfn.destroy();
    },
  };
};
export type RoutingHarness = Awaited<ReturnType<typeof startRoutingHarness>>;

/** The path of the latest link of `kind` in the mails to `address` about task `taskId`. */
export const linkIn = async (address: string, taskId: string, kind: 'offer' | 'done') => {
  const pattern = kind === 'offer' ? OFFER_LINK_IN_TEXT : DONE_LINK_IN_TEXT;
  const links = (await sentAbout(address, taskId))
    .map((m) => pattern.exec(m.body.text ?? '')?.[0])
    .filter((link) => link !== undefined);
  return links.at(-1);
};
