import type { StatsPeriod, TrackerStats } from '../domain/tracker-stats.js';

/** The counters of migration 0010, summed over a period. */
export abstract class StatsRepository {
  abstract read(period: StatsPeriod, analyzerVersion: string): Promise<TrackerStats>;
}
