/**
 * `npm run bench:ab -- --before <built checkout> [--size 100k] [--rounds 12] [--duration 5]
 *  [--connections 16]`
 *
 * W1 of this build against another (say, the commit before an issue), both running at
 * once on the same PostgreSQL, in alternating rounds: on a shared machine whose speed
 * drifts by a third within the hour, only pairs measured minutes apart compare. Each
 * build gets a database of its own, migrated and seeded by its own code (`seed.ts` of
 * that checkout). Prints each pair, the median ratio, and both builds at c=1.
 *
 * The other checkout must be built (`npx nest build`) with its dependencies installed
 * (`git worktree add /tmp/before <commit> && cd /tmp/before && npm ci && npx nest build`).
 * Uses BENCH_DATABASE_URL (default: the local server, postgres://postgres@127.0.0.1:5432/postgres).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../setup/free-port.js';
import { option } from './cli.js';
import { WORKLOADS } from './workloads.js';

const size = Number(option('--size', '100k').replace(/k$/i, '000').replace(/m$/i, '000000'));
const rounds = Number(option('--rounds', '12'));
const duration = Number(option('--duration', '5'));
const connections = Number(option('--connections', '16'));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const builds = { before: resolve(option('--before')), now: process.cwd() };
const w1 = WORKLOADS.find((w) => w.name === 'W1');
if (!w1?.body) throw new Error('W1 is not in workloads.ts');
const { path, body } = { path: w1.path([], ''), body: w1.body };

const urlOf = (name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/case_tracker_ab_${name}`;
  return url.toString();
};

/** Creates, migrates and seeds a build's database with that build's own code. */
async function prepare(name: string, dir: string): Promise<void> {
  const script = resolve(dir, `.ab-prepare-${process.pid}.ts`);
  writeFileSync(
    script,
    `import postgres from 'postgres';
import { Migrator } from '@app/database';
import { seed } from './test/bench/seed.js';
const admin = postgres(${JSON.stringify(adminUrl)}, { max: 1, onnotice: () => undefined });
await admin\`drop database if exists \${admin(${JSON.stringify(`case_tracker_ab_${name}`)})} with (force)\`;
await admin\`create database \${admin(${JSON.stringify(`case_tracker_ab_${name}`)})}\`;
await admin.end();
await new Migrator(${JSON.stringify(urlOf(name))}).migrate();
await seed(${JSON.stringify(urlOf(name))}, ${size}, () => undefined);
`,
  );
  try {
    await new Promise<void>((done, fail) =>
      spawn('npx', ['tsx', script], { cwd: dir, stdio: 'inherit' }).on('exit', (code) =>
        code === 0 ? done() : fail(new Error(`seeding ${name} failed (${code})`)),
      ),
    );
  } finally {
    rmSync(script, { force: true });
  }
}

async function start(name: string, dir: string, port: number): Promise<ChildProcess> {
  const child = spawn('node', ['dist/apps/api/src/main.js'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: urlOf(name),
      AUTH_MODE: 'off',
      MIGRATE_ON_START: 'false',
      RATE_LIMIT_PER_MINUTE: '10000000',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    },
  });
  for (let i = 0; i < 150; i += 1) {
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`${name} did not start`);
}

const hit = (port: number, seconds: number, c: number) =>
  autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections: c,
    duration: seconds,
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const [name, dir] of Object.entries(builds)) {
  console.log(`seeding ${name} (${dir}) with ${size} cases`);
  await prepare(name, dir);
}
const ports = { before: await freePort(), now: await freePort() };
const children = [
  await start('before', builds.before, ports.before),
  await start('now', builds.now, ports.now),
];
try {
  for (const port of Object.values(ports)) await hit(port, 3, connections);
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 ? (['now', 'before'] as const) : (['before', 'now'] as const);
    const got = { before: 0, now: 0 };
    for (const name of order)
      got[name] = (await hit(ports[name], duration, connections)).requests.average;
    ratios.push(got.now / got.before);
    console.log(
      `round ${round + 1}: before ${got.before.toFixed(0)} req/s, now ${got.now.toFixed(0)}, ratio ${(got.now / got.before).toFixed(2)}`,
    );
  }
  for (const name of ['before', 'now'] as const) {
    const single = await hit(ports[name], duration, 1);
    console.log(`${name} c=1: p50 ${single.latency.p50} ms, mean ${single.latency.average} ms`);
  }
  console.log(`median ratio now / before: ${median(ratios).toFixed(3)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
}
