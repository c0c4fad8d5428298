/**
 * `npm run bench:peers -- --peers <dir> [--cases 20000] [--duration 10] [--connections 32] [--rounds 2]`
 *
 * The product side by side with the seed's own design on two stacks (`<dir>` holds
 * `bare-node/`, `fastapi/`, `schema.sql` and `http-seed.mjs`, as `../shared/peers/` does):
 * one database each on the same PostgreSQL, every side seeded with the same cases through
 * its own `POST /api/v1/cases` (http-seed.mjs: same N and seed, same content), then W2, W3,
 * W4 and W1 driven at each in turn, `--rounds` times, and the product's requests per second
 * over each peer's printed (median of the rounds). The product runs from `dist/` (build it
 * first) as in production, with the rate limit raised out of the way.
 * Uses BENCH_DATABASE_URL (default: the local server, postgres://postgres@127.0.0.1:5432/postgres).
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { freePort } from '../setup/free-port.js';
import { option, waitUntilServing } from './cli.js';
import { WORKLOADS } from './workloads.js';

const run = promisify(execFile);
const peersDir = resolve(option('--peers'));
const cases = Number(option('--cases', '20000'));
const duration = Number(option('--duration', '10'));
const connections = Number(option('--connections', '32'));
const rounds = Number(option('--rounds', '2'));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Side {
  name: 'product' | 'bare-node' | 'fastapi';
  base: string;
  child: ChildProcess;
  ids: string[];
}

const urlOf = (database: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

async function freshDatabase(name: string, schema?: string): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin`drop database if exists ${admin(name)} with (force)`;
  await admin`create database ${admin(name)}`;
  await admin.end();
  if (schema) {
    const sql = postgres(urlOf(name), { max: 1, onnotice: () => undefined });
    await sql.unsafe(readFileSync(schema, 'utf8'));
    await sql.end();
  }
  return urlOf(name);
}

async function start(name: Side['name']): Promise<Side> {
  const port = await freePort();
  const database = `case_tracker_peer_${name.replace('-', '_')}`;
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port) };
  let child: ChildProcess;
  if (name === 'product') {
    const url = await freshDatabase(database);
    child = spawn(process.execPath, ['--max-old-space-size=1024', 'dist/apps/api/src/main.js'], {
      env: {
        ...env,
        DATABASE_URL: url,
        AUTH_MODE: 'off',
        RATE_LIMIT_PER_MINUTE: '10000000',
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } else {
    const url = await freshDatabase(database, join(peersDir, 'schema.sql'));
    child = spawn(join(peersDir, name, 'start.sh'), [url, String(port)], {
      env: { ...env, PG_GATE: '10' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const base = `http://127.0.0.1:${port}`;
  await waitUntilServing(base, name, 120_000);
  const idsFile = `/tmp/case-tracker-peer-ids-${name}`;
  const seeded = await run(process.execPath, [join(peersDir, 'http-seed.mjs'), base], {
    env: { ...process.env, N: String(cases), IDS_OUT: idsFile, TIME_LIMIT_S: '1800' },
    maxBuffer: 16 * 1024 * 1024,
  });
  console.log(`${name}: ${seeded.stdout.trim().split('\n').at(-1)}`);
  const ids = readFileSync(idsFile, 'utf8').trim().split('\n');
  rmSync(idsFile, { force: true });
  return { name, base, child, ids };
}

async function rps(
  side: Side,
  workload: (typeof WORKLOADS)[number],
  seconds = duration,
): Promise<number> {
  const result = await autocannon({
    url: side.base,
    connections,
    duration: seconds,
    requests: [
      {
        method: workload.method,
        setupRequest: (req) => ({
          ...req,
          path: workload.path(side.ids, ''),
          ...(workload.body
            ? { body: workload.body, headers: { 'content-type': 'application/json' } }
            : {}),
        }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    console.log(
      `  ${side.name} ${workload.name}: ${result.non2xx} non-2xx, ${result.errors} errors`,
    );
  }
  return result.requests.average;
}

/**
 * W2, W3, W4 and W1 as the peers can answer them: their sorts do not include updated_at,
 * and http-seed.mjs writes Spanish text, so W3 searches a word it uses, newest first.
 */
const PEER_WORKLOADS = ['W2', 'W3', 'W4', 'W1'].map((name) => {
  const workload = WORKLOADS.find((w) => w.name === name)!;
  return name === 'W3'
    ? {
        ...workload,
        title: 'status + priority + search (ventas), newest first',
        path: () => '/api/v1/cases?status=open&priority=high&search=ventas&sort_order=desc',
      }
    : workload;
});

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const sides: Side[] = [];
  try {
    for (const name of ['product', 'bare-node', 'fastapi'] as const) sides.push(await start(name));
    const rows: string[] = [];
    // Reads first: W1 grows every side's table as it runs.
    for (const workload of PEER_WORKLOADS) {
      const { name } = workload;
      const measured: Record<string, number[]> = {};
      for (const side of sides) await rps(side, workload, 3); // warm-up
      for (let round = 0; round < rounds; round += 1) {
        for (const side of sides) (measured[side.name] ??= []).push(await rps(side, workload));
      }
      const [product, bare, fastapi] = sides.map((side) => median(measured[side.name]));
      const row =
        `| ${name} ${workload.title} | ${product.toFixed(0)} | ${bare.toFixed(0)} | ${fastapi.toFixed(0)} | ` +
        `${(product / bare).toFixed(2)} | ${(product / fastapi).toFixed(2)} |`;
      rows.push(row);
      console.log(row);
    }
    console.log(
      `\n${cases.toLocaleString('en')} cases, c=${connections}, ${duration} s a run, median of ${rounds}:\n` +
        '| workload | product req/s | bare-node req/s | fastapi req/s | product / bare-node | product / fastapi |\n' +
        '|---|---|---|---|---|---|\n' +
        rows.join('\n'),
    );
  } finally {
    for (const side of sides) side.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
