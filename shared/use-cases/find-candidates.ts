import {
  type Exclusion,
  type RankedCandidate,
  rankCandidates,
  requiredSkills,
} from '../domain/matching/rank';
import { standingOf } from '../domain/matching/standing';
import type { Offer } from '../domain/offer';
import type { Task } from '../domain/task';
import type { VaMatchProfile } from '../domain/va';
import type { Runtime } from '../ports/clock';
import type { ClientRepository, OfferRepository, VaRepository } from '../ports/repositories';
import type { VaStatsReader } from '../ports/routing';

export interface CandidateDeps {
  vas: VaRepository;
  stats: VaStatsReader;
  clients: ClientRepository;
  offers: OfferRepository;
  runtime: Pick<Runtime, 'now'>;
}

export interface CandidateResult {
  ranked: RankedCandidate[];
  excluded: Exclusion[];
  /** DynamoDB items read: skill-index members plus their stats. */
  itemsRead: number;
  /** What the ranking read that its caller may need next: the task's offers and the VAs' calendars. */
  read: { offers: Offer[]; profiles: ReadonlyMap<string, VaMatchProfile> };
}

/**
 * How many skill-index members are read for one task: enough for a real choice, few enough that a
 * pool of 10,000 VAs costs the same as one of 100.
 */
export const CANDIDATE_READ_LIMIT = 100;

/**
 * Candidates for a task from the skill index (never a scan of the roster), ranked and explained.
 * `wider` is the second search after nobody was found: one skill level lower, one task over capacity.
 * `limit` keeps only the best that many, in order; the exclusions are complete either way.
 */
export const findCandidates = async (
  original: Task,
  deps: CandidateDeps,
  /** `everyone`: read the skill index from level 1, so VAs below the level appear with their reason. */
  options: { wider?: boolean; everyone?: boolean; limit?: number } = {},
): Promise<CandidateResult> => {
  const task = options.wider
    ? { ...original, skills: original.skills.map((s) => ({ ...s, minLevel: Math.max(1, s.minLevel - 1) })) }
    : original;
  const [primary] = requiredSkills(task.skills);
  if (!primary) return { ranked: [], excluded: [], itemsRead: 0, read: { offers: [], profiles: new Map() } };
  const members = await deps.vas.findBySkill({
    skill: primary.skill,
    language: task.language,
    minLevel: options.everyone ? 1 : primary.minLevel,
    limit: CANDIDATE_READ_LIMIT,
  });
  const ids = members.candidates.map((c) => c.id);
  const [{ stats, itemsRead: statsRead }, client, offers] = await Promise.all([
    deps.stats.getMany(ids),
    deps.clients.get(task.clientId),
    deps.offers.listByTask(task.id),
  ]);
  const now = deps.runtime.now();
  const { ranked, excluded } = rankCandidates(
    {
      clientId: task.clientId,
      language: task.language,
      skills: task.skills,
      deadline: task.deadline,
      effortMinutes: task.effortMinutes,
    },
    members.candidates.map((profile) => standingOf(profile, stats.get(profile.id), task.clientId, now)),
    {
      now,
      preferredVaIds: client?.preferredVaIds ?? [],
      alreadyAsked: new Set(
        offers.filter((o) => ['DECLINED', 'EXPIRED', 'RELEASED'].includes(o.status)).map((o) => o.vaId),
      ),
      defaultEffortMinutes: 60,
      defaultHorizonDays: 14,
      capacitySlack: options.wider ? 1 : 0,
      limit: options.limit,
    },
  );
  return {
    ranked,
    excluded,
    itemsRead: members.itemsRead + statsRead,
    read: { offers, profiles: new Map(members.candidates.map((profile) => [profile.id, profile])) },
  };
};
