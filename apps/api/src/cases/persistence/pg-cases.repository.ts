import { Injectable } from '@nestjs/common';
import { Database, Queryable, Tx } from '@app/database';
import type { CaseEvent } from '../domain/case-event.js';
import type { CaseSummary, CaseWithQueries, QueryRecord, SupportCase } from '../domain/case.js';
import { CaseListCriteria, CaseSortField, CasesRepository, Page } from './cases.repository.js';
import { CaseRow, QueryRecordRow, toCase, toQueryRecord } from './rows.js';

// Sorting by meaning uses the rank columns; every order ends in id so pages are stable.
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

  async insert(tx: Tx, c: SupportCase, queries: QueryRecord[], events: CaseEvent[]): Promise<void> {
    const last = events.at(-1);
    await tx`
      insert into support_cases (
        id, title, description, case_type, priority, status, created_by,
        created_at, updated_at, queries_count, events_count, last_event_hash)
      values (
        ${c.id}, ${c.title}, ${c.description}, ${c.caseType}, ${c.priority}, ${c.status},
        ${c.createdBy}, ${c.createdAt}, ${c.updatedAt}, ${queries.length}, ${events.length},
        ${last?.hash ?? null})`;
    await insertQueries(tx, queries, 0);
    await insertEvents(tx, events);
  }

  async findById(id: string): Promise<CaseWithQueries | null> {
    return this.db.query(async (sql) => {
      const [row] = await sql<CaseRow[]>`
        select id, title, description, case_type, priority, status, created_by,
               created_at, updated_at, queries_count
        from support_cases where id = ${id}`;
      if (!row) return null;
      const queries = await sql<QueryRecordRow[]>`
        select id, case_id, database_name, schema_name, query_text, execution_time_ms,
               rows_affected, result, executed_by, executed_at, recorded_at
        from query_records where case_id = ${id}
        order by position`;
      return { ...toCase(row), queries: queries.map(toQueryRecord) };
    });
  }

  async list(criteria: CaseListCriteria): Promise<Page<CaseSummary>> {
    return this.db.query(async (sql) => {
      const where = whereClause(sql, criteria);
      const column = sql(SORT_COLUMNS[criteria.sortBy]);
      const direction = criteria.sortOrder === 'asc' ? sql`asc` : sql`desc`;
      const [rows, [{ total }]] = await Promise.all([
        sql<CaseRow[]>`
          select id, title, description, case_type, priority, status, created_by,
                 created_at, updated_at, queries_count
          from support_cases
          ${where}
          order by ${column} ${direction}, id ${direction}
          limit ${criteria.pageSize} offset ${(criteria.page - 1) * criteria.pageSize}`,
        sql<{ total: string }[]>`select count(*) as total from support_cases ${where}`,
      ]);
      return {
        items: rows.map((row) => ({ ...toCase(row), queriesCount: row.queries_count })),
        total: Number(total),
      };
    });
  }
}

function whereClause(sql: Queryable, c: CaseListCriteria) {
  const conditions = [
    c.status && sql`status = ${c.status}`,
    c.priority && sql`priority = ${c.priority}`,
    c.caseType && sql`case_type = ${c.caseType}`,
    c.createdBy && sql`created_by = ${c.createdBy.toLowerCase()}`,
    c.createdFrom && sql`created_at >= ${c.createdFrom}`,
    c.createdTo && sql`created_at <= ${c.createdTo}`,
    c.search && searchCondition(sql, c.search),
  ].filter((condition) => !!condition);
  if (conditions.length === 0) return sql``;
  return sql`where ${conditions.reduce((all, condition) => sql`${all} and ${condition}`)}`;
}

/** Case-insensitive substring match in which `%`, `_` and `\` stand for themselves. */
function searchCondition(sql: Queryable, search: string) {
  const pattern = `%${search.replace(/[\\%_]/g, '\\$&')}%`;
  return sql`(title ilike ${pattern} or description ilike ${pattern})`;
}

export async function insertQueries(tx: Tx, queries: QueryRecord[], positionOffset: number) {
  if (queries.length === 0) return;
  const rows = queries.map((q, index) => ({
    id: q.id,
    case_id: q.caseId,
    position: positionOffset + index + 1,
    database_name: q.databaseName,
    schema_name: q.schemaName,
    query_text: q.queryText,
    execution_time_ms: q.executionTimeMs,
    rows_affected: q.rowsAffected === null ? null : String(q.rowsAffected),
    result: q.result === null ? null : tx.json(q.result as never),
    executed_by: q.executedBy,
    executed_at: q.executedAt,
    recorded_at: q.recordedAt,
  }));
  await tx`insert into query_records ${tx(rows)}`;
}

export async function insertEvents(tx: Tx, events: CaseEvent[]) {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    id: e.id,
    case_id: e.caseId,
    seq: e.seq,
    type: e.type,
    actor: e.actor,
    occurred_at: e.occurredAt,
    payload: tx.json(e.payload as never),
    prev_hash: e.prevHash,
    hash: e.hash,
  }));
  await tx`insert into case_events ${tx(rows)}`;
}
