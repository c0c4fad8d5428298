import { Injectable } from '@nestjs/common';
import type { Transaction } from '@app/core';
import { Database, Queryable, sqlOf, Tx } from '@app/database';
import type postgres from 'postgres';
import { ANALYZER_VERSION } from '../../analysis/domain/query-analyzer.js';
import { analysisRow } from '../../analysis/persistence/analysis-rows.js';
import type { CaseEvent } from '../domain/case-event.js';
import { cursorAfter, keysetPages } from '../domain/case-export.js';
import type { ExportCursor, ExportedCase, ExportSlice } from '../domain/case-export.js';
import { countedByCounters, needsFullScan } from '../domain/case-list.js';
import type {
  CaseFilter,
  CaseListCriteria,
  CaseSortField,
  PageRequest,
  QueryRecordCriteria,
} from '../domain/case-list.js';
import { CASE_STATUSES } from '../domain/case-status.js';
import type { CaseStatus } from '../domain/case-status.js';
import { PRIORITIES } from '../domain/case.js';
import type {
  AnalyzedQueryRecord,
  CaseSummary,
  CaseWithQueries,
  FingerprintCaseCounts,
  Priority,
  StoredQueryRecord,
  SupportCase,
} from '../domain/case.js';
import type { SortValue } from '../domain/list-cursor.js';
import { CaseChanges, CaseHead, CasePage, CasesRepository, Page } from './cases.repository.js';
import {
  CaseEventRow,
  CaseHeadRow,
  CaseRow,
  StoredQueryRecordRow,
  toStoredQueryRecord,
  toCase,
  toCaseEvent,
  toCaseHead,
} from './rows.js';

// Sorting by meaning uses the rank columns (1.. in the domain's order of statuses and
// priorities, as migration 0001 generates them); every order ends in id, so pages are stable.
const SORT_COLUMNS: Record<CaseSortField, string> = {
  created_at: 'created_at',
  updated_at: 'updated_at',
  status: 'status_rank',
  priority: 'priority_rank',
  case_type: 'case_type',
  created_by: 'created_by',
  title: 'title',
};

@Injectable()
export class PgCasesRepository extends CasesRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async insert(
    transaction: Transaction,
    c: SupportCase,
    queries: AnalyzedQueryRecord[],
    events: CaseEvent[],
  ): Promise<FingerprintCaseCounts> {
    const tx = sqlOf(transaction);
    const last = events.at(-1);
    const created = tx`
      supported as (
        insert into support_cases (
          id, title, description, case_type, priority, status, created_by,
          created_at, updated_at, queries_count, events_count, last_event_hash)
        values (
          ${c.id}, ${c.title}, ${c.description}, ${c.caseType}, ${c.priority}, ${c.status},
          ${c.createdBy}, ${c.createdAt}, ${c.updatedAt}, ${queries.length}, ${events.length},
          ${last?.hash ?? null}))`;
    return insertChanges(tx, c.id, queries, 0, events, created);
  }

  async lockHead(transaction: Transaction, id: string): Promise<CaseHead | null> {
    const [row] = await sqlOf(transaction)<CaseHeadRow[]>`
      select status, created_by, queries_count, events_count, last_event_hash
      from support_cases where id = ${id}
      for update`;
    return row ? toCaseHead(row) : null;
  }

  async append(
    transaction: Transaction,
    id: string,
    head: CaseHead,
    changes: CaseChanges,
  ): Promise<FingerprintCaseCounts> {
    const tx = sqlOf(transaction);
    const last = changes.events.at(-1);
    if (!last) throw new Error('an append must carry at least one event');
    const counted = await insertChanges(tx, id, changes.queries, head.queriesCount, changes.events);
    await tx`
      update support_cases set
        ${changes.status ? tx`status = ${changes.status},` : tx``}
        queries_count = ${head.queriesCount + changes.queries.length},
        events_count = ${last.seq},
        last_event_hash = ${last.hash},
        updated_at = greatest(updated_at, ${changes.at})
      where id = ${id}`;
    return counted;
  }

  async history(id: string): Promise<CaseEvent[] | null> {
    return this.db.query(async (sql) => {
      const [found] = await sql`select 1 from support_cases where id = ${id}`;
      if (!found) return null;
      const rows = await sql<CaseEventRow[]>`
        select id, case_id, seq, type, actor, occurred_at, payload, prev_hash, hash_alg, hash
        from case_events where case_id = ${id}
        order by seq`;
      return rows.map(toCaseEvent);
    });
  }

  async findById(
    id: string,
    queryLimit: number,
    tx?: Transaction,
  ): Promise<CaseWithQueries | null> {
    const read = async (sql: Queryable) => {
      const [row] = await sql<CaseRow[]>`
        select id, title, description, case_type, priority, status, created_by,
               created_at, updated_at, queries_count
        from support_cases where id = ${id}`;
      if (!row) return null;
      const queries = await queryRange(sql, id, row.queries_count, 0, queryLimit);
      return { ...toCase(row), queries, queriesTotal: row.queries_count };
    };
    return tx ? read(sqlOf(tx)) : this.db.query(read);
  }

  async listQueries(caseId: string, page: PageRequest): Promise<Page<StoredQueryRecord> | null> {
    return this.db.query(async (sql) => {
      const [row] = await sql<{ queries_count: number }[]>`
        select queries_count from support_cases where id = ${caseId}`;
      if (!row) return null;
      const after = (page.page - 1) * page.pageSize;
      const items = await queryRange(sql, caseId, row.queries_count, after, page.pageSize);
      return { items, total: row.queries_count };
    });
  }

  async list(criteria: CaseListCriteria, exactTotalMax: number): Promise<CasePage> {
    if (needsFullScan(criteria)) {
      // Both statements read the whole table. One after the other on one backend, without
      // the parallel workers PostgreSQL plans for a scan of a big table (up to two here),
      // such a list holds one connection and one core, and the other core stays free for
      // everyone else; it answers in the sum of the two scans instead of the longer one.
      return this.db.transaction(async (tx) => {
        await tx`set local max_parallel_workers_per_gather = 0`;
        const page = await listPage(tx, criteria);
        return { ...page, ...(await countCases(tx, criteria, exactTotalMax)) };
      });
    }
    return this.db.query(async (sql) => {
      const [page, total] = await Promise.all([
        listPage(sql, criteria),
        countCases(sql, criteria, exactTotalMax),
      ]);
      return { ...page, ...total };
    });
  }

  exportPages(
    filter: CaseFilter,
    pageSize: number,
    signal?: AbortSignal,
  ): AsyncIterable<ExportedCase[]> {
    return keysetPages(
      (after) => this.db.query((sql) => exportPage(sql, filter, after, pageSize), { signal }),
      pageSize,
      cursorAfter,
    );
  }

  async exportQueries(
    slices: readonly ExportSlice[],
    signal?: AbortSignal,
  ): Promise<StoredQueryRecord[]> {
    const ranges = slices.filter((slice) => slice.upTo > slice.after);
    if (ranges.length === 0) return [];
    // One statement for the whole batch, each range a scan of the (case_id, position)
    // unique index of migration 0001, as a detail page's records are. The LATERAL with its
    // ORDER BY and LIMIT keeps it so: as a plain join (the planner cannot tell how many
    // ranges the arrays hold) it was a hash join over a sequential scan of every record.
    const rows = await this.db.query(
      (sql) => sql<StoredQueryRecordRow[]>`
        select ${storedRecordColumns(sql)}
        from unnest(${sql.array(ranges.map((r) => r.case.id))}::uuid[],
                    ${sql.array(ranges.map((r) => r.after))}::int[],
                    ${sql.array(ranges.map((r) => r.upTo))}::int[])
             with ordinality as r(case_id, after, up_to, ord)
        cross join lateral (
          select * from query_records
          where case_id = r.case_id and position > r.after and position <= r.up_to
          order by position
          limit r.up_to - r.after
        ) q
        ${newestAnalysis(sql)}
        order by r.ord, q.position`,
      { signal },
    );
    return rows.map(toStoredQueryRecord);
  }
}

/**
 * One keyset page of the export: the next `limit` cases after `after` in (created_at, id)
 * order, through the (created_at, id) index of migration 0001 (or the (status |
 * priority | case_type, created_at, id) ones under those filters). Never an OFFSET: the
 * millionth case costs what the first does.
 */
async function exportPage(
  sql: Queryable,
  filter: CaseFilter,
  after: ExportCursor | null,
  limit: number,
): Promise<ExportedCase[]> {
  const rows = await sql<CaseRow[]>`
    select id, title, description, case_type, priority, status, created_by,
           created_at, updated_at, queries_count
    from support_cases
    ${whereClause(sql, filter, after && sql`(created_at, id) > (${after.createdAt}, ${after.id})`)}
    order by created_at, id
    limit ${limit}`;
  return rows.map((row) => ({ ...toCase(row), queriesTotal: row.queries_count }));
}

/**
 * One page of the list, and whether a case follows it (one row more is read to know).
 * Deferred join: the walk to the page's start goes over an index of ids only, and just
 * the page's rows are read from the table. An offset still walks every row before the
 * page; a keyset position (`after`) starts at its place in the (sort column, id) index of
 * migration 0001 instead, so page 1,000 costs what page 1 does.
 */
async function listPage(
  sql: Queryable,
  criteria: CaseListCriteria,
): Promise<{ items: CaseSummary[]; hasMore: boolean }> {
  const column = sql(SORT_COLUMNS[criteria.sortBy]);
  const asc = criteria.sortOrder === 'asc';
  const direction = asc ? sql`asc` : sql`desc`;
  const { after } = criteria;
  const beyond = asc ? sql`>` : sql`<`;
  const start = after
    ? sql`(${column}, id) ${beyond} (${sortParameter(criteria.sortBy, after.value)}, ${after.id}::uuid)`
    : null;
  const offset = after ? 0 : (criteria.page - 1) * criteria.pageSize;
  const rows = await sql<CaseRow[]>`
    select c.id, c.title, c.description, c.case_type, c.priority, c.status, c.created_by,
           c.created_at, c.updated_at, c.queries_count
    from (
      select id from support_cases
      ${whereClause(sql, criteria, start)}
      order by ${column} ${direction}, id ${direction}
      limit ${criteria.pageSize + 1} offset ${offset}
    ) page
    join support_cases c using (id)
    order by c.${column} ${direction}, c.id ${direction}`;
  return {
    items: rows
      .slice(0, criteria.pageSize)
      .map((row) => ({ ...toCase(row), queriesCount: row.queries_count })),
    hasMore: rows.length > criteria.pageSize,
  };
}

/** A sort value as its column holds it: statuses and priorities as their ranks. */
function sortParameter(sortBy: CaseSortField, value: SortValue): SortValue | number {
  if (sortBy === 'status') return CASE_STATUSES.indexOf(value as CaseStatus) + 1;
  if (sortBy === 'priority') return PRIORITIES.indexOf(value as Priority) + 1;
  return value;
}

/**
 * Filters on status, priority and case type alone are answered from the counters kept
 * by migration 0002 (a few hundred rows at most, whatever the table size), and a table
 * or a fingerprint alone from those of migration 0010 (one row and its queue): exact. Any
 * other filter counts the matching rows through its index, and stops one row past
 * `exactTotalMax`: a frequent search term costs the bound, not every match.
 */
async function countCases(
  sql: Queryable,
  c: CaseListCriteria,
  exactTotalMax: number,
): Promise<{ total: number; totalExact: boolean }> {
  const counter = countedByCounters(c);
  if (counter) {
    const [{ total }] = await (counter === 'cases'
      ? sql<{ total: string }[]>`
          select coalesce(sum(n), 0) as total from case_counts_now ${whereClause(sql, c)}`
      : counter === 'table'
        ? sql<{ total: string }[]>`
            select table_case_count(${ANALYZER_VERSION}, ${c.queries!.table!}) as total`
        : sql<{ total: string }[]>`
            select fingerprint_case_count(${ANALYZER_VERSION}, ${c.queries!.fingerprint!}) as total`);
    return { total: Number(total), totalExact: true };
  }
  const [{ matched }] = await sql<{ matched: string }[]>`
    select count(*) as matched from (
      select from support_cases ${whereClause(sql, c)} limit ${exactTotalMax + 1}
    ) bounded`;
  const total = Number(matched);
  return total > exactTotalMax
    ? { total: exactTotalMax, totalExact: false }
    : { total, totalExact: true };
}

function whereClause(sql: Queryable, c: CaseFilter, ...more: (Fragment | null)[]) {
  const conditions = [
    ...more,
    c.status && sql`status = ${c.status}`,
    c.priority && sql`priority = ${c.priority}`,
    c.caseType && sql`case_type = ${c.caseType}`,
    c.createdBy && sql`created_by = ${c.createdBy}`,
    c.createdFrom && sql`created_at >= ${c.createdFrom}`,
    c.createdTo && sql`created_at <= ${c.createdTo}`,
    c.search && searchCondition(sql, c.search),
    c.queries && queryRecordCondition(sql, c.queries),
  ].filter((condition) => !!condition);
  if (conditions.length === 0) return sql``;
  return sql`where ${allOf(sql, conditions)}`;
}

type Fragment = postgres.PendingQuery<postgres.Row[]>;

function allOf(sql: Queryable, conditions: Fragment[]) {
  return conditions.reduce((all, condition) => sql`${all} and ${condition}`);
}

/**
 * The case has one query record that meets every query-level filter. Filters on the
 * analysis read the current analyzer version's rows (older records: after
 * `queries:reanalyze`), through migration 0009's indexes and 0013's one index over the
 * table, flag and class terms (the expression it indexes, exactly).
 */
function queryRecordCondition(sql: Queryable, q: QueryRecordCriteria) {
  const onTerms = q.table || q.statementClass || q.flag;
  const onAnalysis = onTerms || q.fingerprint;
  // The filter's own terms come from the same function, each absent one as no element.
  const given = (value: string | undefined) =>
    sql`array_remove(array[${value ?? null}]::text[], null)`;
  const conditions = [
    q.databaseName && sql`q.database_name = ${q.databaseName}`,
    q.executedBy && sql`q.executed_by = ${q.executedBy}`,
    onTerms &&
      sql`analysis_terms(a.classes, a.flags, a.tables)
          @> analysis_terms(${given(q.statementClass)}, ${given(q.flag)}, ${given(q.table)})`,
    q.fingerprint && sql`a.fingerprint = ${q.fingerprint}`,
  ].filter((condition) => !!condition);
  const analyses = onAnalysis
    ? sql`join query_analyses a
            on a.query_id = q.id and a.analyzer_version = ${ANALYZER_VERSION}`
    : sql``;
  return sql`exists (
    select 1 from query_records q ${analyses}
    where q.case_id = support_cases.id and ${allOf(sql, conditions)})`;
}

/**
 * Case-insensitive substring match in which `%`, `_` and `\` stand for themselves. The
 * first test is the expression migration 0003 indexes (with the enum filters); the
 * second is exact, so a term spanning title and description never matches. A term the
 * index cannot narrow gets the exact test alone: each row is read and tested anyway,
 * and the index's expression, true whenever the exact test is, only doubled the work
 * per row (a count over 10k cases: 18 ms with both tests, 7-11 ms with the exact one).
 */
function searchCondition(sql: Queryable, search: string) {
  const pattern = `%${search.replace(/[\\%_]/g, '\\$&')}%`;
  const exact = sql`(title ilike ${pattern} or description ilike ${pattern})`;
  if (needsFullScan({ search })) return exact;
  // The doubled backslash sends the escape `\n` rather than a raw line break, so the
  // statement reads the same in logs, pg_stat_activity and EXPLAIN output.
  return sql`(title || E'\\n' || coalesce(description, '')) ilike ${pattern} and ${exact}`;
}

/**
 * Up to `limit` records of a case from position `after` + 1 on. Appends number positions
 * 1..N without gaps under the case row lock, so any page is a range scan of the
 * (case_id, position) unique index of migration 0001, however deep. `total` is the count
 * read with the case row: records appended since then are left out, so the page and the
 * total agree. Each record comes with its newest analysis (a new analyzer version adds
 * rows beside the old) and that version's count of cases holding its fingerprint.
 */
async function queryRange(
  sql: Queryable,
  caseId: string,
  total: number,
  after: number,
  limit: number,
): Promise<StoredQueryRecord[]> {
  if (after >= total) return [];
  const rows = await sql<StoredQueryRecordRow[]>`
    select ${storedRecordColumns(sql)}
    from query_records q
    ${newestAnalysis(sql)}
    where q.case_id = ${caseId} and q.position > ${after} and q.position <= ${total}
    order by q.position
    limit ${limit}`;
  return rows.map(toStoredQueryRecord);
}

/**
 * The columns of {@link StoredQueryRecordRow}, from `q` (the record) and `a` (its
 * analysis), with the count of cases holding the analysis' fingerprint.
 */
function storedRecordColumns(sql: Queryable) {
  return sql`
    q.id, q.case_id, q.database_name, q.schema_name, q.query_text, q.execution_time_ms,
    q.rows_affected, q.result, q.executed_by, q.executed_at, q.recorded_at,
    a.analyzer_version, a.parsed, a.parse_error_message, a.parse_error_position,
    a.fingerprint, a.normalized, a.statement_types, a.classes, a.tables, a.flags,
    case when a.fingerprint is not null then
      -- A set-returning SQL function (migration 0012) the planner inlines: two index
      -- probes per record, where a function call per record cost ~0.1 ms.
      (select c.cases from fingerprint_case_counts(a.analyzer_version, array[a.fingerprint]::text[]) c)
    end as fingerprint_cases`;
}

/** Joins each record `q` to its newest analysis `a` (a new analyzer version adds rows beside the old). */
function newestAnalysis(sql: Queryable) {
  return sql`
    left join lateral (
      select * from query_analyses qa where qa.query_id = q.id
      order by qa.analyzed_at desc, qa.analyzer_version desc limit 1
    ) a on true`;
}

/**
 * The case (when created), records, events and analyses of a write, in one statement (one
 * round trip). The
 * analyses' trigger adds the case to each fingerprint's cases and queues the rest for the
 * aggregates (migration 0011). The statement's own read runs before that trigger: it
 * counts the cases that held each fingerprint before, plus this one if it was not among
 * them (as of the write's snapshot: writes of other cases committing meanwhile are not in it).
 */
async function insertChanges(
  tx: Tx,
  caseId: string,
  queries: AnalyzedQueryRecord[],
  positionOffset: number,
  events: CaseEvent[],
  caseInsert?: Fragment,
): Promise<FingerprintCaseCounts> {
  const records = queries.map((q, index) => recordRow(tx, q, positionOffset + index + 1));
  const analyses = queries.flatMap(({ id, analysis }) =>
    analysis === null ? [] : [analysisRow(id, analysis)],
  );
  const fingerprints = [
    ...new Set(analyses.flatMap(({ fingerprint }) => (fingerprint ? [fingerprint] : []))),
  ];
  const inserts = [
    caseInsert ?? false,
    records.length > 0 && tx`records as (insert into query_records ${tx(records)})`,
    events.length > 0 &&
      tx`events as (insert into case_events ${tx(events.map((e) => eventRow(tx, e)))})`,
    analyses.length > 0 && tx`analyses as (insert into query_analyses ${tx(analyses)})`,
  ].filter((insert): insert is Fragment => insert !== false);
  if (inserts.length === 0) return new Map();
  // Sent together (one round trip). Every part of the write finds its rows by key, so one
  // plan fits all values; left to choose, PostgreSQL kept planning the statement afresh at
  // every call (its generic plan's estimate of unnest() sizes looked dear): 0.5-0.8 ms of
  // planning per write, more than the whole create cost before the analyses existed.
  const [, counted] = await Promise.all([
    tx`select set_config('plan_cache_mode', 'force_generic_plan', true)`,
    tx<{ fingerprint: string; cases: string }[]>`
      with ${inserts.reduce((all, insert) => tx`${all}, ${insert}`)}
      select print as fingerprint, cases
      from fingerprint_case_counts_before(${ANALYZER_VERSION}, ${tx.array(fingerprints)}::text[], ${caseId})`,
  ]);
  return new Map(counted.map((row) => [row.fingerprint, Number(row.cases)]));
}

function recordRow(tx: Tx, q: AnalyzedQueryRecord, position: number) {
  return {
    id: q.id,
    case_id: q.caseId,
    position,
    database_name: q.databaseName,
    schema_name: q.schemaName,
    query_text: q.queryText,
    execution_time_ms: q.executionTimeMs,
    rows_affected: q.rowsAffected === null ? null : String(q.rowsAffected),
    result: q.result === null ? null : tx.json(q.result as never),
    executed_by: q.executedBy,
    executed_at: q.executedAt,
    recorded_at: q.recordedAt,
  };
}

function eventRow(tx: Tx, e: CaseEvent) {
  return {
    id: e.id,
    case_id: e.caseId,
    seq: e.seq,
    type: e.type,
    actor: e.actor,
    occurred_at: e.occurredAt,
    payload: tx.json(e.payload as never),
    prev_hash: e.prevHash,
    hash_alg: e.hashAlg,
    hash: e.hash,
  };
}
