import type { QueryFlag } from '../../analysis/domain/query-analysis.js';
import type { CaseStatus } from '../../cases/domain/case-status.js';
import type { CaseType, Priority } from '../../cases/domain/case.js';

/** Inclusive UTC calendar days (`YYYY-MM-DD`); a missing end is open. */
export interface StatsPeriod {
  from?: string;
  to?: string;
}

export const TOP_LIST_LENGTH = 10;

/**
 * The tracker at a glance. Case figures count the cases created in the period (by their
 * current status, priority and type); query figures count the query records executed in
 * it, as the current analyzer version reads them.
 */
export interface TrackerStats {
  period: StatsPeriod;
  cases: {
    total: number;
    byStatus: Record<CaseStatus, number>;
    byPriority: Record<Priority, number>;
    byType: Record<CaseType, number>;
  };
  /** Days without a new case are left out. */
  openedPerDay: Array<{ date: string; cases: number }>;
  /** From creation to the move to `resolved` (closed without resolution does not count). */
  timeToResolve: { resolvedCases: number; p50Seconds: number | null; p95Seconds: number | null };
  topTables: Array<{ table: string; queries: number }>;
  topFingerprints: Array<{ fingerprint: string; normalized: string | null; queries: number }>;
  flaggedQueries: Array<{ flag: QueryFlag; databaseName: string; queries: number }>;
}
