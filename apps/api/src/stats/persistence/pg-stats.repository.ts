import { Injectable } from '@nestjs/common';
import { Database, Queryable } from '@app/database';
import type { QueryFlag } from '../../analysis/domain/query-analysis.js';
import { CASE_STATUSES } from '../../cases/domain/case-status.js';
import { CASE_TYPES, PRIORITIES } from '../../cases/domain/case.js';
import { StatsPeriod, TOP_LIST_LENGTH, TrackerStats } from '../domain/tracker-stats.js';
import { StatsRepository } from './stats.repository.js';

interface CaseCountRow {
  day: string | null;
  status: string | null;
  priority: string | null;
  case_type: string | null;
  n: string;
}

/**
 * Every figure is a sum over the daily counter rows of the period (one row per day and
 * key, however many cases or records they count) and the writes queued for them
 * (migration 0011's `*_now` views), each read in one statement, in parallel on the pool.
 */
@Injectable()
export class PgStatsRepository extends StatsRepository {
  constructor(private readonly db: Database) {
    super();
  }

  read(period: StatsPeriod, analyzerVersion: string): Promise<TrackerStats> {
    return this.db.query(async (sql) => {
      const [caseCounts, resolution, tables, fingerprints, flagged] = await Promise.all([
        countCases(sql, period),
        resolutionTimes(sql, period),
        topKeys(sql, period, analyzerVersion, 'table'),
        topFingerprints(sql, period, analyzerVersion),
        flaggedQueries(sql, period, analyzerVersion),
      ]);
      return {
        period,
        ...caseCounts,
        timeToResolve: resolution,
        topTables: tables.map(({ key, n }) => ({ table: key, queries: Number(n) })),
        topFingerprints: fingerprints,
        flaggedQueries: flagged,
      };
    });
  }
}

function inPeriod(sql: Queryable, period: StatsPeriod) {
  return sql`${period.from ? sql`day >= ${period.from}::date` : sql`true`}
    and ${period.to ? sql`day <= ${period.to}::date` : sql`true`}`;
}

/** Cases per day, status, priority and type in one pass over the day counters. */
async function countCases(sql: Queryable, period: StatsPeriod) {
  const rows = await sql<CaseCountRow[]>`
    select to_char(day, 'YYYY-MM-DD') as day, status, priority, case_type, sum(n) as n
    from case_daily_counts_now
    where ${inPeriod(sql, period)}
    group by grouping sets ((day), (status), (priority), (case_type))
    order by day`;
  const count = <K extends string>(
    keys: readonly K[],
    pick: (row: CaseCountRow) => string | null,
  ) =>
    Object.fromEntries(
      keys.map((key) => [key, Number(rows.find((row) => pick(row) === key)?.n ?? 0)]),
    ) as Record<K, number>;
  const perDay = rows
    .filter((row) => row.day !== null && Number(row.n) > 0)
    .map((row) => ({ date: row.day!, cases: Number(row.n) }));
  return {
    cases: {
      total: perDay.reduce((sum, day) => sum + day.cases, 0),
      byStatus: count(CASE_STATUSES, (row) => row.status),
      byPriority: count(PRIORITIES, (row) => row.priority),
      byType: count(CASE_TYPES, (row) => row.case_type),
    },
    openedPerDay: perDay,
  };
}

async function resolutionTimes(sql: Queryable, period: StatsPeriod) {
  const [row] = await sql<{ resolved: string | null; p50: number | null; p95: number | null }[]>`
    select sum(n) as resolved,
           histogram_percentile(0.5, array_agg(n order by bucket),
             array_agg(lo order by bucket), array_agg(hi order by bucket)) as p50,
           histogram_percentile(0.95, array_agg(n order by bucket),
             array_agg(lo order by bucket), array_agg(hi order by bucket)) as p95
    from (
      select bucket, sum(n)::bigint as n, min(lo) as lo, max(hi) as hi
      from case_resolution_histogram_now
      where ${inPeriod(sql, period)}
      group by bucket
    ) h`;
  return {
    resolvedCases: Number(row?.resolved ?? 0),
    p50Seconds: row?.p50 ?? null,
    p95Seconds: row?.p95 ?? null,
  };
}

function topKeys(
  sql: Queryable,
  period: StatsPeriod,
  analyzerVersion: string,
  dimension: 'table' | 'fingerprint',
) {
  return sql<{ key: string; n: string }[]>`
    select key, sum(n) as n
    from query_daily_counts_now
    where analyzer_version = ${analyzerVersion} and dimension = ${dimension}
      and ${inPeriod(sql, period)}
    group by key
    order by n desc, key
    limit ${TOP_LIST_LENGTH}`;
}

async function topFingerprints(sql: Queryable, period: StatsPeriod, analyzerVersion: string) {
  const top = await topKeys(sql, period, analyzerVersion, 'fingerprint');
  if (top.length === 0) return [];
  const shapes = await sql<{ fingerprint: string; normalized: string }[]>`
    select fingerprint, normalized
    from fingerprint_stats_of(${analyzerVersion}, ${sql.array(top.map(({ key }) => key))}::text[])`;
  const normalized = new Map(shapes.map((s) => [s.fingerprint, s.normalized]));
  return top.map(({ key, n }) => ({
    fingerprint: key,
    normalized: normalized.get(key) ?? null,
    queries: Number(n),
  }));
}

async function flaggedQueries(sql: Queryable, period: StatsPeriod, analyzerVersion: string) {
  const rows = await sql<{ flag: QueryFlag; database_name: string; n: string }[]>`
    select key as flag, database_name, sum(n) as n
    from query_daily_counts_now
    where analyzer_version = ${analyzerVersion} and dimension = 'flag'
      and ${inPeriod(sql, period)}
    group by key, database_name
    order by n desc, key, database_name`;
  return rows.map((row) => ({
    flag: row.flag,
    databaseName: row.database_name,
    queries: Number(row.n),
  }));
}
