import { Injectable } from '@nestjs/common';
import { Database } from '@app/database';
import type {
  FingerprintListCriteria,
  FingerprintSortField,
  FingerprintStats,
} from '../domain/fingerprint-stats.js';
import type { StatementClass } from '../domain/query-analysis.js';
import { FingerprintsRepository } from './fingerprints.repository.js';

interface FingerprintStatsRow {
  analyzer_version: string;
  fingerprint: string;
  normalized: string;
  statement_types: string[];
  classes: string[];
  tables: string[];
  // bigint and numeric columns arrive as strings.
  occurrences: string;
  cases: string;
  timed: string;
  total_time_ms: string;
  max_time_ms: number | null;
  p50_time_ms: number | null;
  p95_time_ms: number | null;
  rows_affected_sum: string;
  first_seen: Date;
  last_seen: Date;
}

// Each has an index (migration 0010) that ends in the fingerprint, the tie-breaker.
const SORT_COLUMNS: Record<FingerprintSortField, string> = {
  occurrences: 'occurrences',
  total_time: 'total_time_ms',
  p95: 'p95_time_ms',
};

@Injectable()
export class PgFingerprintsRepository extends FingerprintsRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async find(analyzerVersion: string, fingerprint: string): Promise<FingerprintStats | null> {
    const [row] = await this.db.query(
      (sql) => sql<FingerprintStatsRow[]>`
        select * from fingerprint_stats_of(${analyzerVersion}, ${sql.array([fingerprint])}::text[])`,
    );
    return row ? toFingerprintStats(row) : null;
  }

  /**
   * The counted top list merged with the queued fingerprints (migration 0011), exactly:
   * a queued fingerprint is ranked by its figures with the queue added, every other one
   * by its counter row, read through the sort's index past the queued ones.
   */
  async list(
    analyzerVersion: string,
    criteria: FingerprintListCriteria,
  ): Promise<{ items: FingerprintStats[]; total: number }> {
    const offset = (criteria.page - 1) * criteria.pageSize;
    return this.db.query(async (sql) => {
      const column = sql(SORT_COLUMNS[criteria.sortBy]);
      const direction = criteria.sortOrder === 'asc' ? sql`asc` : sql`desc`;
      // Fingerprints without a timed record have no p95: last in the top list, and asc is
      // its exact reverse (one index serves both).
      const nulls = criteria.sortOrder === 'asc' ? sql`nulls first` : sql`nulls last`;
      const order = sql`order by ${column} ${direction} ${nulls}, fingerprint ${direction}`;
      const [rows, [{ total }]] = await Promise.all([
        sql<FingerprintStatsRow[]>`
          with queued as materialized (
            select distinct fingerprint from analyses_to_count
            where analyzer_version = ${analyzerVersion} and fingerprint is not null
          )
          select * from (
            select * from fingerprint_stats_of(
              ${analyzerVersion}, array(select fingerprint from queued))
            union all
            (select * from fingerprint_stats
             where analyzer_version = ${analyzerVersion}
               and fingerprint not in (select fingerprint from queued)
             ${order}
             limit ${offset + criteria.pageSize})
          ) merged
          ${order}
          limit ${criteria.pageSize} offset ${offset}`,
        sql<{ total: string }[]>`
          select (select count(*) from fingerprint_stats
                  where analyzer_version = ${analyzerVersion})
               + (select count(distinct q.fingerprint) from analyses_to_count q
                  where q.analyzer_version = ${analyzerVersion} and q.fingerprint is not null
                    and not exists (
                      select from fingerprint_stats s
                      where s.analyzer_version = q.analyzer_version
                        and s.fingerprint = q.fingerprint)) as total`,
      ]);
      return { items: rows.map(toFingerprintStats), total: Number(total) };
    });
  }
}

function toFingerprintStats(row: FingerprintStatsRow): FingerprintStats {
  return {
    fingerprint: row.fingerprint,
    analyzerVersion: row.analyzer_version,
    normalized: row.normalized,
    statementTypes: row.statement_types,
    classes: row.classes as StatementClass[],
    tables: row.tables,
    occurrences: Number(row.occurrences),
    cases: Number(row.cases),
    executionTimeMs: {
      timed: Number(row.timed),
      total: Number(row.total_time_ms),
      p50: row.p50_time_ms,
      p95: row.p95_time_ms,
      max: row.max_time_ms,
    },
    rowsAffectedSum: Number(row.rows_affected_sum),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}
