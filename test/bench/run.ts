/**
 * `npm run bench [-- --sizes 10k,100k,1m --duration 10 --latency-duration 5 --connections 16
 *  --sustain 60 --workloads W2,W3,W4,W5,W1 --no-export --reuse-seed]`
 *
 * Seeds a dedicated database per size (set-based SQL), starts the built service and two
 * baselines as separate processes (bare: node:http; floor: NestJS with nothing but
 * routing; both run the service's SQL through baseline-handlers.ts), drives the workloads of workloads.ts with
 * autocannon from this process, and prints (and writes to docs/bench/) requests/s,
 * p50/p95/p99, errors, ratios and the service's peak RSS, with EXPLAIN plans; then W4's
 * p95 idle and beside clients looping short searches (SHORT_SEARCH), and their ratio.
 * `--workloads` runs only the named workloads. `--identity-cost` instead measures what
 * token verification and the Idempotency-Key write cost on W1 and W4 (IDENTITY_VARIANTS).
 * After the workloads, every case is exported in each format (EXPORTS): time, size and the
 * service's RSS before and at its peak during the export; `--no-export` skips it.
 * Uses BENCH_DATABASE_URL when set, else an embedded PostgreSQL in .data/bench.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { Database, Migrator, startEmbeddedPostgres } from '@app/database';
import { ANALYZER_VERSION } from '../../apps/api/src/analysis/domain/query-analyzer.js';
import { PgFingerprintsRepository } from '../../apps/api/src/analysis/persistence/pg-fingerprints.repository.js';
import {
  EXPORT_BATCH_RECORDS,
  EXPORT_PAGE_CASES,
  recordBatches,
} from '../../apps/api/src/cases/domain/case-export.js';
import { decodeCursor } from '../../apps/api/src/cases/domain/list-cursor.js';
import { CASE_DETAIL_QUERIES } from '../../apps/api/src/cases/domain/case.js';
import { PgCasesRepository } from '../../apps/api/src/cases/persistence/pg-cases.repository.js';
import { mintToken } from '../../apps/api/src/identity/mint-token.js';
import { PgStatsRepository } from '../../apps/api/src/stats/persistence/pg-stats.repository.js';
import { freePort } from '../setup/free-port.js';
import { seed } from './seed.js';
import { waitUntilServing } from './cli.js';
import { EXPORTS, SHORT_SEARCH, Workload, WORKLOADS } from './workloads.js';

const run = promisify(execFile);

interface Options {
  sizes: number[];
  duration: number;
  latencyDuration: number;
  connections: number;
  sustain: number;
  workloads: Workload[];
  identityCost: boolean;
  /** Keep a database an earlier run seeded at this size, when it still holds exactly that. */
  reuseSeed: boolean;
  exports: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (flag: string, fallback: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const size = (text: string) => {
    const match = /^(\d+)(k|m)?$/i.exec(text.trim());
    if (!match) throw new Error(`bad size "${text}" (use 10k, 100k, 1m)`);
    return Number(match[1]) * (match[2]?.toLowerCase() === 'm' ? 1e6 : match[2] ? 1e3 : 1);
  };
  return {
    sizes: value('--sizes', '10k,100k,1m').split(',').map(size),
    duration: Number(value('--duration', '10')),
    latencyDuration: Number(value('--latency-duration', '5')),
    connections: Number(value('--connections', '16')),
    sustain: Number(value('--sustain', '60')),
    identityCost: argv.includes('--identity-cost'),
    reuseSeed: argv.includes('--reuse-seed'),
    exports: !argv.includes('--no-export'),
    workloads: value('--workloads', WORKLOADS.map((w) => w.name).join(','))
      .split(',')
      .map((name) => {
        const workload = WORKLOADS.find((w) => w.name.toUpperCase() === name.trim().toUpperCase());
        if (!workload) throw new Error(`unknown workload "${name}"`);
        return workload;
      }),
  };
}

interface Measurement {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  requests: number;
  /** Responses completed in each second of the run. */
  perSecond: number[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * True when `name` exists, is fully migrated and holds exactly `size` cases (by the
 * counters): a run that wrote (W1) or was stopped while seeding does not qualify.
 */
async function seededBefore(adminUrl: string, name: string, size: number): Promise<boolean> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    const [found] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!found) return false;
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const migrator = new Migrator(url.toString());
  if ((await migrator.pending()).length > 0) return false;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => undefined });
  try {
    const [{ total }] = await sql<{ total: string }[]>`
      select coalesce(sum(n), 0) as total from case_counts_now`;
    return Number(total) === size;
  } catch {
    return false;
  } finally {
    await sql.end();
  }
}

/**
 * Waits until no other backend of the database is running a statement. When autocannon
 * stops, the requests it abandoned are still queued in the target and keep PostgreSQL
 * busy (W3 at 1M: up to 64 counts of ~50 ms); measuring or EXPLAINing before they drain
 * charged their cost to the next run (an EXPLAIN of the W3 count showed 220 ms for a
 * 50 ms query).
 */
async function databaseIdle(sql: postgres.Sql, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ busy }] = await sql<{ busy: number }[]>`
      select count(*)::int as busy from pg_stat_activity
      where datname = current_database() and backend_type = 'client backend'
        and state = 'active' and pid <> pg_backend_pid()`;
    if (busy === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One autocannon run; latencies are collected per response so p95 is exact. */
async function measure(
  base: string,
  workload: Workload,
  ids: string[],
  connections: number,
  seconds: number,
  headers: () => Record<string, string> = () => ({}),
): Promise<Measurement> {
  const latencies: number[] = [];
  const perSecond: number[] = [];
  const prepared = (await workload.prepare?.(base)) ?? '';
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [
          {
            method: workload.method,
            setupRequest: (req) => ({
              ...req,
              path: workload.path(ids, prepared),
              ...(workload.body ? { body: workload.body } : {}),
              headers: {
                ...(workload.body ? { 'content-type': 'application/json' } : {}),
                ...headers(),
              },
            }),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
    // Emitted every second with that second's count (missing from @types/autocannon).
    (instance as unknown as NodeJS.EventEmitter).on('tick', ({ counter }: { counter: number }) =>
      perSecond.push(counter),
    );
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
    perSecond,
  };
}

interface ShortSearchResult {
  /** Responses by status code. */
  statuses: Map<number, number>;
  latencies: number[];
}

/** One client sending GET `path` in a loop, one request at a time, until stopped. */
function startLoop(base: string, path: string, address: string) {
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let instance!: autocannon.Instance;
  const done = new Promise<void>((resolve, reject) => {
    instance = autocannon(
      {
        url: `${base}${path}`,
        connections: 1,
        duration: 3600,
        headers: { 'x-forwarded-for': address },
      },
      (error) => (error ? reject(error) : resolve()),
    );
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    latencies.push(responseTime);
  });
  return {
    stop: async (): Promise<ShortSearchResult> => {
      instance.stop();
      await done;
      return { statuses, latencies };
    },
  };
}

interface ShortSearchRun {
  connections: number;
  idle: Measurement;
  loaded: Measurement;
  search: { statuses: Map<number, number>; p50: number; p95: number; perSecond: number };
}

/**
 * W4 at `connections` for `seconds`, idle, then again while SHORT_SEARCH.clients clients
 * each loop a short search (which reads the whole table) from an address of its own; the
 * loops start 2 s before W4 is measured, so the slot and the queue are taken by then.
 */
async function w4UnderShortSearch(
  base: string,
  ids: string[],
  connections: number,
  seconds: number,
  idle: () => Promise<void>,
): Promise<ShortSearchRun> {
  const w4 = WORKLOADS.find((w) => w.name === 'W4')!;
  await idle();
  await measure(base, w4, ids, connections, 2);
  await idle();
  const idleRun = await measure(base, w4, ids, connections, seconds);
  const started = Date.now();
  const loops = Array.from({ length: SHORT_SEARCH.clients }, (_, client) =>
    startLoop(base, SHORT_SEARCH.path, SHORT_SEARCH.address(client)),
  );
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const loaded = await measure(base, w4, ids, connections, seconds);
  const results = await Promise.all(loops.map((loop) => loop.stop()));
  const elapsed = (Date.now() - started) / 1000;
  await idle();
  const statuses = new Map<number, number>();
  for (const result of results) {
    for (const [status, count] of result.statuses) {
      statuses.set(status, (statuses.get(status) ?? 0) + count);
    }
  }
  const latencies = results.flatMap((result) => result.latencies).sort((a, b) => a - b);
  return {
    connections,
    idle: idleRun,
    loaded,
    search: {
      statuses,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      perSecond: (statuses.get(200) ?? 0) / elapsed,
    },
  };
}

function shortSearchRow(size: number, run: ShortSearchRun): string {
  const { statuses } = run.search;
  const known = [200, 429, 503].map((status) => statuses.get(status) ?? 0);
  const other = [...statuses.values()].reduce((a, b) => a + b, 0) - known.reduce((a, b) => a + b);
  return (
    `| ${size.toLocaleString('en')} | ${run.connections} | ${fmt(run.idle.p95, 2)} | ${fmt(run.loaded.p95, 2)} | ` +
    `${fmt(run.loaded.p95 / run.idle.p95, 2)} | ${fmt(run.idle.rps, 0)} → ${fmt(run.loaded.rps, 0)} | ` +
    `${run.idle.errors + run.loaded.errors} | ${known.join(' / ')} / ${other} | ` +
    `${fmt(run.search.p50)} / ${fmt(run.search.p95)} | ${fmt(run.search.perSecond, 1)} |`
  );
}

interface Target {
  name: 'service' | 'baseline' | 'floor';
  base: string;
  child: ChildProcess;
}

/** The node arguments of `npm run start:prod`, so the benchmark runs the service as deployed. */
function serviceArgs(): string[] {
  const scripts = (
    JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const [program, ...args] = scripts['start:prod'].split(/\s+/);
  if (program !== 'node') throw new Error('start:prod is expected to be "node …"');
  return args;
}

async function startTarget(name: Target['name'], env: Record<string, string>): Promise<Target> {
  const port = await freePort();
  const command =
    name === 'service'
      ? [process.execPath, serviceArgs()]
      : ['node_modules/.bin/tsx', [`test/bench/${name}-server.ts`]];
  const child = spawn(command[0] as string, command[1] as string[], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilServing(base, name, 30_000);
  return { name, base, child };
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The process's resident set now, in MB (VmHWM is its peak over its whole life). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

interface ExportRun {
  format: string;
  seconds: number;
  megabytes: number;
  rssBeforeMb: number;
  rssPeakMb: number;
}

/**
 * One whole export read as fast as this process takes it, with the service's RSS sampled
 * every 50 ms: its peak during the export against what it held before, which stays flat
 * whatever the number of cases if the export streams in constant memory.
 */
async function measureExport(
  base: string,
  pid: number,
  run: (typeof EXPORTS)[number],
): Promise<ExportRun> {
  const rssBeforeMb = rssMb(pid);
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(pid))), 50);
  const started = performance.now();
  let bytes = 0;
  try {
    const res = await fetch(`${base}${run.path}`);
    if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}`);
    for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
  } finally {
    clearInterval(sampler);
  }
  rssPeakMb = Math.max(rssPeakMb, rssMb(pid));
  return {
    format: run.format,
    seconds: (performance.now() - started) / 1000,
    megabytes: bytes / 2 ** 20,
    rssBeforeMb,
    rssPeakMb,
  };
}

async function exportRuns(
  base: string,
  pid: number,
  size: number,
  idle: () => Promise<void>,
  log: (line: string) => void,
): Promise<string[]> {
  const rows: string[] = [];
  for (const run of EXPORTS) {
    await idle();
    const result = await measureExport(base, pid, run);
    const row =
      `| ${size.toLocaleString('en')} | ${result.format} | ${fmt(result.seconds, 1)} | ` +
      `${fmt(size / result.seconds, 0)} | ${fmt(result.megabytes, 0)} | ` +
      `${fmt(result.rssBeforeMb, 0)} → ${fmt(result.rssPeakMb, 0)} |`;
    rows.push(row);
    log(`  export ${row}`);
  }
  return [
    `Every case exported, one client reading as fast as it can:\n`,
    '| cases | format | seconds | cases/s | MB | service RSS before → peak during (MB) |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements the repository runs for a workload; a
 * cursor workload's position is the one the service at `base` hands out.
 */
async function explain(url: string, workload: Workload, id: string, base: string): Promise<string> {
  if (!workload.explain) return '';
  const target = workload.explain;
  const after =
    target.kind === 'list' && target.cursor && workload.prepare
      ? decodeCursor(await workload.prepare(base), target.criteria)
      : undefined;
  return explainStatements(url, async (repository, database) => {
    if (target.kind === 'list') await repository.list({ ...target.criteria, after }, 1000);
    else if (target.kind === 'get') await repository.findById(id, CASE_DETAIL_QUERIES);
    else if (target.kind === 'stats')
      await new PgStatsRepository(database).read({}, ANALYZER_VERSION);
    else await new PgFingerprintsRepository(database).find(ANALYZER_VERSION, target.fingerprint);
  });
}

/**
 * EXPLAIN of an export's first two keyset pages (without and with a cursor) and the first
 * batch of records of each.
 */
function explainExport(url: string): Promise<string> {
  return explainStatements(url, async (repository) => {
    let pages = 0;
    for await (const page of repository.exportPages({}, EXPORT_PAGE_CASES)) {
      await repository.exportQueries(recordBatches(page, EXPORT_BATCH_RECORDS)[0]);
      if ((pages += 1) === 2) break;
    }
  });
}

/** EXPLAIN (ANALYZE, BUFFERS) of the statements `work` makes the repository run. */
async function explainStatements(
  url: string,
  work: (repository: PgCasesRepository, database: Database) => Promise<void>,
): Promise<string> {
  const statements: { text: string; params: unknown[] }[] = [];
  const database = new Database({
    url,
    // One connection: the repository call below then warms the very backend the
    // EXPLAINs run on (a new backend's first execution pays catalog loading, ~10×).
    poolMax: 1,
    connectTimeoutSeconds: 5,
    idleTimeoutSeconds: 5,
    statementTimeoutMs: 60000,
    applicationName: 'bench-explain',
    debug: (text, params) => statements.push({ text, params }),
  });
  const repository = new PgCasesRepository(database);
  try {
    await work(repository, database);
    const plans: string[] = [];
    // Only the repository's own statements (not postgres.js' type lookups), captured
    // before the EXPLAINs below add their own.
    const captured = statements.filter(({ text }) =>
      /support_cases|query_records|case_counts|fingerprint_stats|_daily_counts|_histogram/.test(
        text,
      ),
    );
    for (const { text, params } of captured) {
      const statement = text.replace(/\s+/g, ' ').trim();
      try {
        const rows = await database.sql.unsafe(
          `explain (analyze, buffers, costs off) ${text}`,
          params as never[],
        );
        const plan = rows.map((row) => (row as Record<string, string>)['QUERY PLAN']).join('\n');
        plans.push(`${statement}\n${plan}`);
      } catch (error) {
        // A statement whose parameters do not survive the replay (an array passed through
        // `unsafe`) is reported, not allowed to end the run.
        plans.push(`${statement}\n(not explained: ${(error as Error).message})`);
      }
    }
    return plans.join('\n\n');
  } finally {
    await database.close();
  }
}

/**
 * W4 against the service at c=64 (more callers than pool connections) for `seconds`,
 * as requests/s per 10-second window: a driver whose queue degrades under a sustained
 * backlog shows as a falling series (see the Gate in libs/database).
 */
async function sustain(
  base: string,
  ids: string[],
  seconds: number,
  log: (line: string) => void,
): Promise<string> {
  const w4 = WORKLOADS.find((w) => w.name === 'W4')!;
  const run = await measure(base, w4, ids, 64, seconds);
  const windows: number[] = [];
  // Whole windows only: the last tick of a run may cover a fraction of a second.
  for (let i = 0; i + 10 <= Math.max(run.perSecond.length, 10); i += 10) {
    const slice = run.perSecond.slice(i, i + 10);
    windows.push(slice.reduce((a, b) => a + b, 0) / slice.length);
  }
  const line =
    `Sustained W4 on the service at c=64 for ${seconds} s: requests/s per 10 s window ` +
    `${windows.map((w) => fmt(w, 0)).join(' → ')} (last / first ${fmt(windows.at(-1)! / windows[0], 2)}), ` +
    `p99 ${fmt(run.p99)} ms, errors ${run.errors} / ${run.requests}.`;
  log(`  ${line}`);
  return line;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

const BENCH_SECRET = 'benchmark-secret-of-at-least-32-bytes';
// W1's body names bench@example.com as the creator; under tokens that must be the caller.
const BENCH_CALLER = 'bench@example.com';

interface IdentityVariant {
  name: string;
  env: Record<string, string>;
  /** Per request: a fresh Idempotency-Key must differ on every request. */
  headers: (token: string) => Record<string, string>;
  /** Idempotency-Key applies to POSTs only. */
  postsOnly: boolean;
}

const IDENTITY_VARIANTS: IdentityVariant[] = [
  { name: 'AUTH_MODE=off', env: { AUTH_MODE: 'off' }, headers: () => ({}), postsOnly: false },
  {
    name: 'jwt (HS256)',
    env: { AUTH_MODE: 'jwt', AUTH_JWT_SECRET: BENCH_SECRET },
    headers: (token) => ({ authorization: `Bearer ${token}` }),
    postsOnly: false,
  },
  {
    name: 'jwt + Idempotency-Key',
    env: { AUTH_MODE: 'jwt', AUTH_JWT_SECRET: BENCH_SECRET },
    headers: (token) => ({ authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() }),
    postsOnly: true,
  },
];

function idleOn(url: string) {
  return async () => {
    const monitor = postgres(url, { max: 1 });
    try {
      await databaseIdle(monitor);
    } finally {
      await monitor.end();
    }
  };
}

/**
 * W4 and W1 on the service without tokens, with a verified HS256 token on every request,
 * and (W1) with a fresh Idempotency-Key on every request as well: what verification and
 * the key's lookup and write cost.
 */
async function identityCost(
  url: string,
  size: number,
  ids: string[],
  options: Options,
  idle: () => Promise<void>,
  log: (line: string) => void,
): Promise<string> {
  const token = await mintToken(BENCH_SECRET, {
    email: BENCH_CALLER,
    scope: 'cases:read cases:write',
    ttlSeconds: 24 * 3600,
  });
  const workloads = ['W4', 'W1'].map((name) => WORKLOADS.find((w) => w.name === name)!);
  const rows: string[] = [];
  for (const variant of IDENTITY_VARIANTS) {
    const target = await startTarget('service', {
      DATABASE_URL: url,
      MIGRATE_ON_START: 'false',
      RATE_LIMIT_PER_MINUTE: '10000000',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      NODE_ENV: 'production',
      ...variant.env,
    });
    try {
      for (const workload of workloads) {
        if (variant.postsOnly && workload.method !== 'POST') continue;
        const headers = () => variant.headers(token);
        const runOnce = async (connections: number, seconds: number) => {
          await idle();
          return measure(target.base, workload, ids, connections, seconds, headers);
        };
        await runOnce(options.connections, 2);
        const thr = await runOnce(options.connections, options.duration);
        const lat = await runOnce(1, options.latencyDuration);
        const row =
          `| ${size.toLocaleString('en')} | ${workload.name} ${workload.title} | ${variant.name} | ${fmt(thr.rps, 0)} | ` +
          `${fmt(thr.p50)} / ${fmt(thr.p95)} / ${fmt(thr.p99)} | ${fmt(lat.p50, 2)} / ${fmt(lat.p95, 2)} / ${fmt(lat.p99, 2)} | ` +
          `${thr.errors + lat.errors} |`;
        rows.push(row);
        log(row);
      }
    } finally {
      target.child.kill('SIGTERM');
      await new Promise((resolve) => target.child.once('exit', resolve));
    }
  }
  return [
    `### What tokens and idempotency keys cost, ${size.toLocaleString('en')} cases\n`,
    `| cases | workload | variant | req/s (c=${options.connections}) | p50/p95/p99 ms (c=${options.connections}) | p50/p95/p99 ms (c=1) | errors |`,
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  log('building the service (nest build)…');
  await run('node_modules/.bin/nest', ['build']);

  const embedded = process.env.BENCH_DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: '.data/bench',
        port: await freePort(),
        ephemeral: true,
      });
  const adminUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
  const report: string[] = [];
  try {
    for (const size of options.sizes) {
      const name = `case_tracker_bench_${size}`;
      const dbUrl = new URL(adminUrl);
      dbUrl.pathname = `/${name}`;
      const url = dbUrl.toString();
      log(`\n== ${size.toLocaleString('en')} cases ==`);
      const reused = options.reuseSeed && (await seededBefore(adminUrl, name, size));
      let seedSeconds = 0;
      if (reused) {
        log(`  reusing ${name}, seeded by an earlier run`);
      } else {
        const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
        await admin`drop database if exists ${admin(name)} with (force)`;
        await admin`create database ${admin(name)}`;
        await admin.end();
        await new Migrator(url).migrate();
        const seedStart = Date.now();
        await seed(url, size, log);
        seedSeconds = (Date.now() - seedStart) / 1000;
        log(`  seeded in ${seedSeconds.toFixed(1)} s`);
      }

      const sql = postgres(url, { max: 1 });
      const ids = (
        await sql<{ id: string }[]>`
        select id from support_cases order by random() limit 2000`
      ).map((r) => r.id);
      await sql.end();

      if (options.identityCost) {
        report.push(await identityCost(url, size, ids, options, idleOn(url), log));
        continue;
      }
      const env = {
        DATABASE_URL: url,
        // The workloads compare the API with a baseline that checks no tokens; what tokens
        // and idempotency keys cost is measured apart (--identity-cost).
        AUTH_MODE: 'off',
        MIGRATE_ON_START: 'false',
        RATE_LIMIT_PER_MINUTE: '10000000',
        // The short-search clients are told apart by X-Forwarded-For (see SHORT_SEARCH).
        TRUST_PROXY_HOPS: '1',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
        NODE_ENV: 'production',
      };
      const targets = [
        await startTarget('service', env),
        await startTarget('baseline', env),
        await startTarget('floor', env),
      ];
      const monitor = postgres(url, { max: 1 });
      const idle = () => databaseIdle(monitor);
      const rows: string[] = [];
      const plans: string[] = [];
      try {
        for (const workload of options.workloads) {
          const results: Record<string, { thr: Measurement; lat: Measurement; load: Measurement }> =
            {};
          for (const target of targets) {
            const run = async (connections: number, seconds: number) => {
              await idle();
              return measure(target.base, workload, ids, connections, seconds);
            };
            await run(options.connections, 2);
            const thr = await run(options.connections, options.duration);
            const lat = await run(1, options.latencyDuration);
            const load = await run(64, options.latencyDuration);
            results[target.name] = { thr, lat, load };
          }
          const s = results.service;
          const b = results.baseline;
          const f = results.floor;
          const line =
            `| ${size.toLocaleString('en')} | ${workload.name} ${workload.title} | ${fmt(s.thr.rps, 0)} | ${fmt(b.thr.rps, 0)} | ` +
            `${fmt(s.thr.rps / b.thr.rps, 2)} | ${fmt(f.thr.rps, 0)} | ${fmt(s.thr.rps / f.thr.rps, 2)} | ` +
            `${fmt(s.thr.p50)} / ${fmt(s.thr.p95)} / ${fmt(s.thr.p99)} | ` +
            `${fmt(s.lat.p50, 2)} / ${fmt(s.lat.p95, 2)} / ${fmt(s.lat.p99, 2)} | ${fmt(b.lat.p95, 2)} | ` +
            `${s.thr.errors + s.lat.errors} | ${s.load.errors} / ${s.load.requests} |`;
          rows.push(line);
          log(line);
          await idle();
          if (workload.explain)
            plans.push(
              `#### ${size.toLocaleString('en')} cases — ${workload.name}\n\n\`\`\`\n${await explain(url, workload, ids[0], targets[0].base)}\n\`\`\``,
            );
        }
        const shortSearchRows: string[] = [];
        for (const connections of [...new Set([1, options.connections])]) {
          const shortSearch = await w4UnderShortSearch(
            targets[0].base,
            ids,
            connections,
            options.latencyDuration,
            idle,
          );
          const row = shortSearchRow(size, shortSearch);
          shortSearchRows.push(row);
          log(`  W4 under ${SHORT_SEARCH.clients} × ${SHORT_SEARCH.path}: ${row}`);
        }
        const exported = options.exports
          ? [
              ...(await exportRuns(targets[0].base, targets[0].child.pid!, size, idle, log)),
              `#### ${size.toLocaleString('en')} cases — export pages\n\n\`\`\`\n${await explainExport(url)}\n\`\`\`\n`,
            ]
          : [];
        let sustained = '';
        if (size === Math.max(...options.sizes) && options.sustain > 0) {
          sustained = await sustain(targets[0].base, ids, options.sustain, log);
        }
        const rss = peakRssMb(targets[0].child.pid!);
        log(`  service peak RSS: ${fmt(rss, 0)} MB`);
        report.push(
          `### ${size.toLocaleString('en')} cases (${reused ? 'seeded by an earlier run' : `seeded in ${seedSeconds.toFixed(0)} s`}; service peak RSS ${fmt(rss, 0)} MB)\n`,
          `| cases | workload | service req/s (c=${options.connections}) | bare req/s | service / bare | floor req/s | service / floor | service p50/p95/p99 ms (c=${options.connections}) | service p50/p95/p99 ms (c=1) | bare p95 ms (c=1) | errors | errors / requests (c=64) |`,
          '|---|---|---|---|---|---|---|---|---|---|---|---|',
          ...rows,
          '',
          `W4 on the service, idle and while ${SHORT_SEARCH.clients} clients (distinct X-Forwarded-For, TRUST_PROXY_HOPS=1) ` +
            `each loop \`GET ${SHORT_SEARCH.path}\` one request at a time (${options.latencyDuration} s each):\n`,
          `| cases | W4 connections | W4 p95 idle ms | W4 p95 under short searches ms | ratio | W4 req/s idle → loaded | W4 errors | search=e answers 200 / 429 / 503 / other | search=e p50 / p95 ms | search=e served/s |`,
          '|---|---|---|---|---|---|---|---|---|---|',
          ...shortSearchRows,
          '',
          ...(sustained ? [sustained, ''] : []),
          ...exported,
          ...plans,
          '',
        );
      } finally {
        await monitor.end();
        for (const target of targets) target.child.kill('SIGTERM');
      }
    }
  } finally {
    await embedded?.stop();
  }
  mkdirSync('docs/bench', { recursive: true });
  const file = `docs/bench/results-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.md`;
  writeFileSync(
    file,
    `# Benchmark run ${new Date().toISOString()}\n\n` +
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. ` +
      `Durations: ${options.duration} s at c=${options.connections}, ${options.latencyDuration} s at c=1 and c=64, after 2 s of warm-up.\n\n` +
      report.join('\n'),
  );
  log(`\nwritten to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
