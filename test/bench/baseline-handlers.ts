/**
 * What the benchmark's baselines answer, not part of the product: the very same SQL as
 * the service runs for each workload (the same repository and domain functions), with no
 * validation, envelope or logging. The bare node:http server (baseline-server.ts) and the
 * framework floor (floor-server.ts) both route to these, so the two differ only in what
 * carries the request.
 */
import { Database, PgUnitOfWork } from '@app/database';
import {
  chainEvents,
  ChainHasher,
  EMPTY_CHAIN,
} from '../../apps/api/src/audit/domain/hash-chain.js';
import { CaseListResponse, CaseResponse } from '../../apps/api/src/cases/dto/case.response.js';
import { caseCreated, queryRecorded } from '../../apps/api/src/cases/domain/case-event.js';
import {
  analyzeInputs,
  CASE_DETAIL_QUERIES,
  openCase,
  recordQuery,
  withFingerprintCases,
} from '../../apps/api/src/cases/domain/case.js';
import type {
  CaseListCriteria,
  CaseSortField,
  SortOrder,
} from '../../apps/api/src/cases/domain/case-list.js';
import { decodeCursor, cursorPagedList } from '../../apps/api/src/cases/domain/list-cursor.js';
import { PgCasesRepository } from '../../apps/api/src/cases/persistence/pg-cases.repository.js';
import { PooledSqlAnalyzer } from '../../apps/api/src/analysis/pooled-sql-analyzer.js';
import { ANALYZER_VERSION } from '../../apps/api/src/analysis/domain/query-analyzer.js';
import { FingerprintResponse } from '../../apps/api/src/analysis/dto/fingerprint.response.js';
import { PgFingerprintsRepository } from '../../apps/api/src/analysis/persistence/pg-fingerprints.repository.js';
import { StatsResponse } from '../../apps/api/src/stats/dto/stats.response.js';
import { PgStatsRepository } from '../../apps/api/src/stats/persistence/pg-stats.repository.js';

/** A status and a JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

export interface BaselineHandlers {
  createCase(body: Record<string, unknown>): Promise<Answer>;
  listCases(query: URLSearchParams): Promise<Answer>;
  stats(query: URLSearchParams): Promise<Answer>;
  fingerprint(fingerprint: string): Promise<Answer>;
  caseById(id: string): Promise<Answer>;
  close(): Promise<void>;
}

// The service's default (LIST_EXACT_TOTAL_MAX): both count the same rows.
const LIST_EXACT_TOTAL_MAX = Number(process.env.LIST_EXACT_TOTAL_MAX ?? 1000);
const notFound: Answer = { status: 404, body: { error: 'not found' } };

export async function startHandlers(applicationName: string): Promise<BaselineHandlers> {
  const database = new Database({
    url: process.env.DATABASE_URL!,
    poolMax: Number(process.env.DB_POOL_MAX ?? 10),
    connectTimeoutSeconds: 5,
    idleTimeoutSeconds: 30,
    statementTimeoutMs: 5000,
    applicationName,
  });
  const cases = new PgCasesRepository(database);
  const fingerprints = new PgFingerprintsRepository(database);
  const stats = new PgStatsRepository(database);
  const unitOfWork = new PgUnitOfWork(database);
  const hasher = new ChainHasher(process.env.AUDIT_HMAC_KEY);
  // The service analyses every record it writes; so do the baselines, for a fair ratio.
  const analyzer = await PooledSqlAnalyzer.start((error) => console.error(error));

  return {
    async createCase(body) {
      const now = new Date();
      const created = openCase(
        {
          title: String(body.title),
          description: (body.description as string) ?? null,
          caseType: body.case_type as never,
          priority: body.priority as never,
          createdBy: String(body.created_by),
        },
        now,
      );
      const inputs = ((body.queries as Record<string, unknown>[]) ?? []).map((q) => ({
        databaseName: String(q.database_name),
        schemaName: String(q.schema_name),
        queryText: String(q.query_text),
        executionTimeMs: (q.execution_time_ms as number) ?? null,
        rowsAffected: (q.rows_affected as number) ?? null,
      }));
      const analyses = await analyzeInputs(inputs, analyzer);
      const queries = inputs.map((input, i) => ({
        ...recordQuery(created.id, input, created.createdBy, now),
        analysis: analyses[i],
      }));
      const events = chainEvents(
        created.id,
        EMPTY_CHAIN,
        [caseCreated(created), ...queries.map((q) => queryRecorded(q, created.createdBy))],
        hasher,
      );
      const counts = await unitOfWork.run((tx) => cases.insert(tx, created, queries, events));
      const stored = withFingerprintCases(queries, counts);
      return {
        status: 201,
        body: CaseResponse.from({ ...created, queries: stored, queriesTotal: queries.length }),
      };
    },

    async listCases(q) {
      const criteria: CaseListCriteria = {
        page: Number(q.get('page') ?? 1),
        pageSize: Number(q.get('page_size') ?? 10),
        status: (q.get('status') ?? undefined) as never,
        priority: (q.get('priority') ?? undefined) as never,
        caseType: (q.get('case_type') ?? undefined) as never,
        createdBy: q.get('created_by') ?? undefined,
        search: q.get('search') ?? undefined,
        queries: queryCriteria(q),
        sortBy: (q.get('sort_by') ?? 'created_at') as CaseSortField,
        sortOrder: (q.get('sort_order') ?? 'desc') as SortOrder,
      };
      const cursor = q.get('cursor');
      if (cursor) criteria.after = decodeCursor(cursor, criteria);
      const found = await cases.list(criteria, LIST_EXACT_TOTAL_MAX);
      return { status: 200, body: CaseListResponse.from(cursorPagedList(found, criteria)) };
    },

    async stats(q) {
      const period = { from: q.get('date_gte') ?? undefined, to: q.get('date_lte') ?? undefined };
      return { status: 200, body: StatsResponse.from(await stats.read(period, ANALYZER_VERSION)) };
    },

    async fingerprint(fingerprint) {
      const found = await fingerprints.find(ANALYZER_VERSION, fingerprint);
      return found ? { status: 200, body: FingerprintResponse.from(found) } : notFound;
    },

    async caseById(id) {
      const found = await cases.findById(id, CASE_DETAIL_QUERIES);
      return found ? { status: 200, body: CaseResponse.from(found) } : notFound;
    },

    close: () => database.close(),
  };
}

function queryCriteria(q: URLSearchParams) {
  const criteria = {
    table: q.get('table')?.toLowerCase(),
    fingerprint: q.get('fingerprint') ?? undefined,
    databaseName: q.get('database_name') ?? undefined,
    statementClass: (q.get('class') ?? undefined) as never,
    flag: (q.get('flag') ?? undefined) as never,
    executedBy: q.get('executed_by') ?? undefined,
  };
  return Object.values(criteria).some((value) => value !== undefined) ? criteria : undefined;
}
