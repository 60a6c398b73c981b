/**
 * Runs one benchmark that needs a local stack, in a process of its own, and prints its figures as
 * JSON. Functions build their clients when their modules load, so each stack gets fresh modules.
 */
import { benchCandidateReads } from './candidate-reads';
import { benchCost } from './cost';
import { benchPipeline } from './pipeline';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
const [stage, arg] = process.argv.slice(2);
const figures =
  stage === 'pipeline'
    ? await benchPipeline(
        // A short smoke run (the tests') keeps its light-load part short too.
        arg ? { mails: Number(arg), lightMails: Math.min(30, Math.ceil(Number(arg) / 5)) } : {},
      )
    : stage === 'cost'
      ? await benchCost(arg ? Number(arg) : undefined)
      : stage === 'reads'
        ? await benchCandidateReads({ size: arg ? Number(arg) : undefined })
        : undefined;
if (!figures) throw new Error(`Unknown stage ${stage}: pipeline, cost or reads`);
console.log(JSON.stringify(figures));
