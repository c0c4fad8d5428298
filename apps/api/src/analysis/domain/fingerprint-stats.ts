import type { PageRequest, SortOrder } from '../../cases/domain/case-list.js';
import type { StatementClass } from './query-analysis.js';

/** pg_query fingerprints as the analysis writes them: 16 lower-case hex digits. */
export const FINGERPRINT_PATTERN = '^[0-9a-f]{16}$';

/**
 * Everything recorded under one query shape, for the current analyzer version. Times are
 * over the records that give one; p50/p95 are nearest-rank values read from a histogram
 * of 2 %-wide buckets (exact while a bucket holds one distinct value, within 1 % always).
 */
export interface FingerprintStats {
  fingerprint: string;
  analyzerVersion: string;
  normalized: string;
  statementTypes: string[];
  classes: StatementClass[];
  /** Every table seen under the fingerprint, which ignores schemas and aliased names. */
  tables: string[];
  occurrences: number;
  cases: number;
  executionTimeMs: {
    timed: number;
    total: number;
    p50: number | null;
    p95: number | null;
    max: number | null;
  };
  rowsAffectedSum: number;
  firstSeen: Date;
  lastSeen: Date;
}

export const FINGERPRINT_SORT_FIELDS = ['occurrences', 'total_time', 'p95'] as const;
export type FingerprintSortField = (typeof FINGERPRINT_SORT_FIELDS)[number];

export interface FingerprintListCriteria extends PageRequest {
  sortBy: FingerprintSortField;
  sortOrder: SortOrder;
}
