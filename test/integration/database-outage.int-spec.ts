import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import postgres from 'postgres';
import request from 'supertest';
import { Migrator, RunningEmbeddedPostgres, startEmbeddedPostgres } from '@app/database';
import { aCase, aQuery } from '../factories/case.factory.js';
import { freePort } from '../setup/free-port.js';
import { startAppOn } from '../setup/test-app.js';
import { openPool } from '../setup/test-database.js';

const REQUEST_TIMEOUT_MS = 2000;

/**
 * A PostgreSQL of this test's own, really stopped and restarted (and frozen with
 * SIGSTOP) under requests: the service must answer 503 quickly, never hang or 500,
 * recover by itself, and never leave half a case behind.
 */
describe('database outage and recovery', () => {
  let server: RunningEmbeddedPostgres;
  let dataDir: string;
  let url: string;
  let app: INestApplication;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'case-tracker-outage-pg-'));
    server = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true });
    url = await server.ensureDatabase('outage_test');
    await new Migrator(url).migrate();
    const database = openPool(url, {
      poolMax: 4,
      connectTimeoutSeconds: 1,
      idleTimeoutSeconds: 5,
      statementTimeoutMs: 5000,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      applicationName: 'outage-test',
    });
    app = await startAppOn(url, database);
  }, 60000);

  afterAll(async () => {
    await app.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const create = async () => {
    const started = Date.now();
    const res = await request(app.getHttpServer())
      .post('/api/v1/cases')
      .send(aCase({ queries: [aQuery(), aQuery(), aQuery()] }));
    return {
      status: res.status,
      id: res.body.data?.id as string | undefined,
      ms: Date.now() - started,
      res,
    };
  };

  const untilCreated = async () => {
    const deadline = Date.now() + 30000;
    for (;;) {
      const result = await create();
      if (result.status === 201) return result;
      if (Date.now() > deadline) throw new Error(`no recovery: last status ${result.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('answers 503 fast while PostgreSQL is down, then recovers without a restart', async () => {
    expect((await create()).status).toBe(201);

    // Keep writing while the server goes away and comes back.
    const results: Awaited<ReturnType<typeof create>>[] = [];
    let writing = true;
    const writers = [1, 2, 3].map(async () => {
      while (writing) results.push(await create());
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.stop();

    const down = await create();
    expect(down.status).toBe(503);
    expect(down.res.headers['retry-after']).toBeDefined();
    expect(down.res.body.errors[0].code).toBe('SERVICE_UNAVAILABLE');
    expect(down.ms).toBeLessThan(5000);
    expect((await request(app.getHttpServer()).get('/health/ready')).status).toBe(503);

    await server.start();
    await untilCreated();
    writing = false;
    await Promise.all(writers);
    expect((await request(app.getHttpServer()).get('/health/ready')).status).toBe(200);

    const statuses = new Set(results.map((r) => r.status));
    expect([...statuses].every((s) => s === 201 || s === 503)).toBe(true);
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(5000 + 1000);

    // Every acknowledged case is whole, and no case anywhere is partial.
    const sql = postgres(url, { max: 1 });
    try {
      for (const { id } of results.filter((r) => r.status === 201)) {
        const [row] = await sql`select queries_count from support_cases where id = ${id!}`;
        expect(row.queries_count).toBe(3);
      }
      const partial = await sql`
        select c.id from support_cases c
        where c.queries_count <> (select count(*) from query_records q where q.case_id = c.id)
           or c.events_count <> (select count(*) from case_events e where e.case_id = c.id)
           or c.events_count <> c.queries_count + 1`;
      expect(partial).toHaveLength(0);
    } finally {
      await sql.end();
    }
  }, 90000);

  it('serves again within about a second of PostgreSQL coming back, however long it was away', async () => {
    expect((await create()).status).toBe(201);
    await server.stop();
    // Several seconds of failed requests: every failed connection attempt counts. With
    // postgres.js's default backoff (3^attempts / 100 s, up to 20 s) the pool would then
    // wait 10-20 s before trying PostgreSQL again, answering 503 all along.
    const until = Date.now() + 6000;
    const failures: number[] = [];
    await Promise.all(
      [1, 2, 3].map(async () => {
        while (Date.now() < until) {
          const down = await create();
          expect(down.status).toBe(503);
          failures.push(down.ms);
        }
      }),
    );
    // Refused by the next connection attempt (at most ~1 s away), not by the deadline.
    expect(Math.max(...failures)).toBeLessThan(REQUEST_TIMEOUT_MS);
    await server.start();
    const back = Date.now();
    await untilCreated();
    expect(Date.now() - back).toBeLessThan(3000);
  }, 90000);

  /**
   * Stops PostgreSQL dead (postmaster and every process it forked) until the returned thaw
   * is called. The postmaster first, so no backend starts between the listing and the
   * stop (one that did would answer the service while the rest is frozen); its children
   * are read from /proc, not asked of the server.
   */
  const freeze = async () => {
    const postmaster = server.pid()!;
    process.kill(postmaster, 'SIGSTOP');
    const pids = [postmaster, ...childrenOf(postmaster)];
    for (const pid of pids.slice(1)) process.kill(pid, 'SIGSTOP');
    return () => {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // the backend may have gone
        }
      }
    };
  };

  it('answers 503 within the request deadline while PostgreSQL is frozen, then recovers', async () => {
    expect((await create()).status).toBe(201);
    const thaw = await freeze();
    try {
      const frozen = await create();
      expect(frozen.status).toBe(503);
      expect(frozen.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 1500);
      const ready = await request(app.getHttpServer()).get('/health/ready');
      expect(ready.status).toBe(503);
    } finally {
      thaw();
    }
    await untilCreated();
  }, 90000);

  it('never commits, once thawed, a create it answered 503 while frozen', async () => {
    expect((await create()).status).toBe(201);
    const thaw = await freeze();
    let results: { title: string; status: number }[] = [];
    try {
      // More than the pool: some on frozen connections, the rest queued behind them.
      results = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const title = `frozen-${i}`;
          const res = await request(app.getHttpServer())
            .post('/api/v1/cases')
            .send(aCase({ title }));
          return { title, status: res.status };
        }),
      );
    } finally {
      thaw();
    }
    await untilCreated();
    // Whatever reached the server before the freeze runs to its end now.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sql = postgres(url, { max: 1 });
    try {
      const stored = await sql<{ title: string }[]>`
        select title from support_cases where title like 'frozen-%' order by title`;
      const acknowledged = results.filter((r) => r.status === 201).map((r) => r.title);
      expect(stored.map((r) => r.title)).toEqual(acknowledged.sort());
      expect(results.every((r) => r.status === 201 || r.status === 503)).toBe(true);
    } finally {
      await sql.end();
    }
  }, 90000);
});

/** The processes whose parent is `parent` (Linux). */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      // "pid (comm) state ppid ...": the name may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return ppid === parent ? [Number(entry)] : [];
    } catch {
      return []; // gone since the listing
    }
  });
}
