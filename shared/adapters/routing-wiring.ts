import type { RoutingEnv } from '../config';
import { domainOf } from '../config';
import type { RoutingDeps } from '../use-cases/routing/deps';
import { type AdapterOverrides, createCommonAdapters } from './aws-wiring';
import { DynamoAssignmentStore } from './dynamodb/assignment-store';
import { DynamoOfferRepository } from './dynamodb/offer-repository';
import { DynamoVaRepository } from './dynamodb/va-repository';
import { DynamoVaStatsRepository } from './dynamodb/va-stats-repository';

/** The adapters of routing: the workflow steps and the offer and done links. Built once per cold start. */
export const createRoutingDeps = (config: RoutingEnv, overrides: AdapterOverrides = {}): RoutingDeps => {
  const { db, table, runtime, clients, tasks, thread, outbox, links, workflow, settlements } =
    createCommonAdapters(config, overrides);
  return {
    tasks,
    clients,
    thread,
    outbox,
    workflow,
    runtime,
    vas: new DynamoVaRepository(db, table),
    offers: new DynamoOfferRepository(db, table),
    links,
    assignments: new DynamoAssignmentStore(db, table),
    stats: new DynamoVaStatsRepository(db, table),
    settlements,
    config: {
      agencyName: config.AGENCY_NAME,
      senderAddress: config.SENDER_ADDRESS,
      mailDomain: domainOf(config.SENDER_ADDRESS),
      publicBaseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, ''),
      operatorEmail: config.OPERATOR_EMAIL,
      operatorLanguage: config.OPERATOR_LANGUAGE,
      fixedPriceVaSharePercent: config.FIXED_PRICE_VA_SHARE_PERCENT,
    },
  };
};
