import { QueryAnalyzer } from '../../apps/api/src/analysis/domain/query-analyzer.js';
import type { CaseListCriteria } from '../../apps/api/src/cases/domain/case-list.js';
import { QUERY_TEMPLATES } from './seed.js';

export interface Workload {
  name: string;
  title: string;
  method: 'GET' | 'POST';
  /** A request path; called per request so W4 can pick a random id. */
  path: (ids: string[], prepared: string) => string;
  /** Asked of the target before a run; its answer is `path`'s `prepared` (W5c: a cursor). */
  prepare?: (base: string) => Promise<string>;
  body?: string;
  /** The repository call whose SQL is EXPLAINed (reads only). */
  explain?:
    | { kind: 'list'; criteria: CaseListCriteria; cursor?: boolean }
    | { kind: 'get' }
    | { kind: 'stats' }
    | { kind: 'fingerprint'; fingerprint: string };
}

const createBody = JSON.stringify({
  title: 'Benchmark extract',
  description: 'Created by the benchmark',
  case_type: 'support',
  priority: 'high',
  created_by: 'bench@example.com',
  queries: [1, 2, 3].map((i) => ({
    database_name: 'sales_db',
    schema_name: 'public',
    query_text: `SELECT * FROM sales WHERE region = ${i}`,
    execution_time_ms: 10 * i,
    rows_affected: 100 * i,
  })),
});

// The seeded shape of the first template, which about one record in 28 has.
const salesFingerprint = (await QueryAnalyzer.load()).analyze(
  QUERY_TEMPLATES[0].replaceAll('{n}', '1'),
  'public',
).fingerprint!;

type Page = { next_cursor?: string | null };

const listDefaults = { page: 1, pageSize: 10, sortBy: 'created_at', sortOrder: 'desc' } as const;

/** The fixed workloads of issue 5. Reads first; W1 writes and runs last. */
export const WORKLOADS: Workload[] = [
  {
    name: 'W2',
    title: 'default list',
    method: 'GET',
    path: () => '/api/v1/cases',
    explain: { kind: 'list', criteria: { ...listDefaults } },
  },
  {
    name: 'W3',
    title: 'status + priority + search, sorted',
    method: 'GET',
    path: () =>
      '/api/v1/cases?status=open&priority=high&search=invoice&sort_by=updated_at&sort_order=desc',
    explain: {
      kind: 'list',
      criteria: {
        ...listDefaults,
        status: 'open',
        priority: 'high',
        search: 'invoice',
        sortBy: 'updated_at',
      },
    },
  },
  {
    name: 'W4',
    title: 'one case by id (random)',
    method: 'GET',
    path: (ids) => `/api/v1/cases/${ids[Math.floor(Math.random() * ids.length)]}`,
    explain: { kind: 'get' },
  },
  {
    name: 'W5',
    title: 'page 1,000 of status + priority',
    method: 'GET',
    path: () => '/api/v1/cases?status=open&priority=high&page=1000',
    explain: {
      kind: 'list',
      criteria: { ...listDefaults, status: 'open', priority: 'high', page: 1000 },
    },
  },
  {
    name: 'W5c',
    title: 'page 1,000 of status + priority, by cursor',
    method: 'GET',
    path: (_ids, cursor) =>
      `/api/v1/cases?status=open&priority=high&cursor=${encodeURIComponent(cursor)}`,
    // The cursor page 999 hands out: where page 1,000 starts.
    prepare: async (base) => {
      const res = await fetch(`${base}/api/v1/cases?status=open&priority=high&page=999`);
      // The service answers in the envelope, the baselines without it.
      const body = (await res.json()) as { data?: Page } & Page;
      const cursor = (body.data ?? body).next_cursor;
      if (!cursor) throw new Error('W5c: fewer than 1,000 pages');
      return cursor;
    },
    explain: {
      kind: 'list',
      criteria: { ...listDefaults, status: 'open', priority: 'high' },
      cursor: true,
    },
  },
  {
    name: 'W6',
    title: 'cases that read a table',
    method: 'GET',
    path: () => '/api/v1/cases?table=public.sales',
    explain: { kind: 'list', criteria: { ...listDefaults, queries: { table: 'public.sales' } } },
  },
  {
    name: 'W7',
    title: 'cases with a flag, on a database',
    method: 'GET',
    path: () => '/api/v1/cases?flag=DELETE_WITHOUT_WHERE&database_name=prod_db',
    explain: {
      kind: 'list',
      criteria: {
        ...listDefaults,
        queries: { flag: 'DELETE_WITHOUT_WHERE', databaseName: 'prod_db' },
      },
    },
  },
  {
    name: 'W8',
    title: 'stats of all time',
    method: 'GET',
    path: () => '/api/v1/stats',
    explain: { kind: 'stats' },
  },
  {
    name: 'W9',
    title: 'one fingerprint',
    method: 'GET',
    path: () => `/api/v1/fingerprints/${salesFingerprint}`,
    explain: { kind: 'fingerprint', fingerprint: salesFingerprint },
  },
  {
    name: 'W1',
    title: 'create a case with 3 queries',
    method: 'POST',
    path: () => '/api/v1/cases',
    body: createBody,
  },
];

/**
 * What the short-search clients send in a loop: a term without three letters or digits
 * in a row, which the trigram index cannot narrow (see `needsFullScan`), so each list
 * reads the whole table. W4 is measured beside them, and idle, for the ratio.
 */
export const SHORT_SEARCH = {
  path: '/api/v1/cases?search=e',
  clients: 4,
  /**
   * The service runs with TRUST_PROXY_HOPS=1 in the benchmark, so each looping client is
   * its own X-Forwarded-For address (documentation range 198.51.100.0/24), as the clients
   * of a service behind one proxy are; W4's requests carry none.
   */
  address: (client: number) => `198.51.100.${client + 1}`,
} as const;

/**
 * The exports measured after the workloads: every case in each format, read by one
 * client as fast as it can take it (time, size and the service's RSS during the export).
 */
export const EXPORTS = [
  { format: 'ndjson', path: '/api/v1/cases/export?format=ndjson' },
  { format: 'csv', path: '/api/v1/cases/export?format=csv' },
] as const;
