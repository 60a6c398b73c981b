import type { VaStats } from '../domain/matching/standing';

export interface VaStatsReader {
  /** Stats of these VAs; a VA without any has none yet (a newcomer). */
  getMany(vaIds: readonly string[]): Promise<{ stats: Map<string, VaStats>; itemsRead: number }>;
}
