/**
 * The benchmark's baseline, not part of the product: node:http + postgres.js running the
 * very same SQL as the service for each workload (it calls the same repository and
 * domain functions), with no framework, validation, envelope or logging. The ratio
 * service / baseline is what the framework costs.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
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
import { decodeCursor, listPage } from '../../apps/api/src/cases/domain/list-cursor.js';
import { PgCasesRepository } from '../../apps/api/src/cases/persistence/pg-cases.repository.js';
import { PooledSqlAnalyzer } from '../../apps/api/src/analysis/pooled-sql-analyzer.js';
import { ANALYZER_VERSION } from '../../apps/api/src/analysis/domain/query-analyzer.js';
import { FingerprintResponse } from '../../apps/api/src/analysis/dto/fingerprint.response.js';
import { PgFingerprintsRepository } from '../../apps/api/src/analysis/persistence/pg-fingerprints.repository.js';
import { StatsResponse } from '../../apps/api/src/stats/dto/stats.response.js';
import { PgStatsRepository } from '../../apps/api/src/stats/persistence/pg-stats.repository.js';

const database = new Database({
  url: process.env.DATABASE_URL!,
  poolMax: Number(process.env.DB_POOL_MAX ?? 10),
  connectTimeoutSeconds: 5,
  idleTimeoutSeconds: 30,
  statementTimeoutMs: 5000,
  applicationName: 'bench-baseline',
});
const cases = new PgCasesRepository(database);
// The service's default (LIST_EXACT_TOTAL_MAX): both count the same rows.
const LIST_EXACT_TOTAL_MAX = Number(process.env.LIST_EXACT_TOTAL_MAX ?? 1000);
const fingerprints = new PgFingerprintsRepository(database);
const stats = new PgStatsRepository(database);
const unitOfWork = new PgUnitOfWork(database);
const hasher = new ChainHasher(process.env.AUDIT_HMAC_KEY);
// The service analyses every record it writes; so does the baseline, for a fair ratio.
const analyzer = await PooledSqlAnalyzer.start((error) => console.error(error));

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'POST' && url.pathname === '/api/v1/cases') {
    const body = await readJson(req);
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
    return send(
      res,
      201,
      CaseResponse.from({ ...created, queries: stored, queriesTotal: queries.length }),
    );
  }
  if (req.method === 'GET' && url.pathname === '/api/v1/cases') {
    const q = url.searchParams;
    const page = Number(q.get('page') ?? 1);
    const pageSize = Number(q.get('page_size') ?? 10);
    const criteria: CaseListCriteria = {
      page,
      pageSize,
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
    return send(res, 200, CaseListResponse.from(listPage(found, criteria)));
  }
  if (req.method === 'GET' && url.pathname === '/api/v1/stats') {
    const q = url.searchParams;
    const period = { from: q.get('date_gte') ?? undefined, to: q.get('date_lte') ?? undefined };
    return send(res, 200, StatsResponse.from(await stats.read(period, ANALYZER_VERSION)));
  }
  const fingerprint = /^\/api\/v1\/fingerprints\/([0-9a-f]{16})$/.exec(url.pathname);
  if (req.method === 'GET' && fingerprint) {
    const found = await fingerprints.find(ANALYZER_VERSION, fingerprint[1]);
    return found
      ? send(res, 200, FingerprintResponse.from(found))
      : send(res, 404, { error: 'not found' });
  }
  const byId = /^\/api\/v1\/cases\/([0-9a-f-]{36})$/.exec(url.pathname);
  if (req.method === 'GET' && byId) {
    const found = await cases.findById(byId[1], CASE_DETAIL_QUERIES);
    return found
      ? send(res, 200, CaseResponse.from(found))
      : send(res, 404, { error: 'not found' });
  }
  send(res, 404, { error: 'no route' });
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

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
});
server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => {
  process.stdout.write('listening\n');
});
process.on('SIGTERM', () => {
  server.close();
  void database.close().then(() => process.exit(0));
});
