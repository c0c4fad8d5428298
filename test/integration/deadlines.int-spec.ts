import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Database } from '@app/database';
import { aCase } from '../factories/case.factory.js';
import { startAppOn } from '../setup/test-app.js';
import { createTestDatabase, openPool, TestDatabase } from '../setup/test-database.js';

const REQUEST_TIMEOUT_MS = 1000;
const POOL = 3;
const QUEUE = 4;

/**
 * A request answered 503 at its deadline must leave nothing behind: the statement it was
 * running is cancelled on the server, work still queued never starts, and the queue in
 * front of the pool is bounded. Writes are held up here by a lock, which PostgreSQL can
 * cancel; database-outage.int-spec.ts freezes the server instead.
 */
describe('request deadlines', () => {
  let db: TestDatabase;
  let database: Database;
  let app: INestApplication;
  beforeAll(async () => {
    db = await createTestDatabase();
    database = openPool(db.url, {
      poolMax: POOL,
      maxQueued: QUEUE,
      statementTimeoutMs: 30000,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      applicationName: 'deadline-test',
    });
    app = await startAppOn(db.url, database);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const create = async (title: string) => {
    const started = Date.now();
    const res = await request(app.getHttpServer()).post('/api/v1/cases').send(aCase({ title }));
    return {
      title,
      status: res.status,
      ms: Date.now() - started,
      code: res.body.errors?.[0]?.code,
    };
  };

  const waitingOnLocks = async () =>
    (
      await db.sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where application_name = 'deadline-test' and wait_event_type = 'Lock'`
    )[0].n;

  it('cancels the statements of requests answered 503, and commits none of them', async () => {
    const titles = Array.from({ length: POOL + QUEUE }, (_, i) => `blocked-${i}`);
    let results: Awaited<ReturnType<typeof create>>[] = [];
    await db.sql.begin(async (lock) => {
      await lock`lock table support_cases in exclusive mode`;
      results = await Promise.all(titles.map(create));
      // Still holding the lock: without a cancel the inserts would wait on it for the
      // statement timeout (30 s).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await waitingOnLocks()).toBe(0);
    });

    for (const result of results) {
      expect(result).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(result.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 500);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stored = await db.sql`select 1 from support_cases where title like 'blocked-%'`;
    expect(stored).toHaveLength(0);
    expect((await create('after')).status).toBe(201);
  });

  it('refuses at once what does not fit in the queue', async () => {
    const titles = Array.from({ length: POOL + QUEUE + 3 }, (_, i) => `overflow-${i}`);
    let results: Awaited<ReturnType<typeof create>>[] = [];
    await db.sql.begin(async (lock) => {
      await lock`lock table support_cases in exclusive mode`;
      results = await Promise.all(titles.map(create));
    });
    const fast = results.filter((r) => r.ms < REQUEST_TIMEOUT_MS / 2);
    expect(fast).toHaveLength(3);
    expect(results.every((r) => r.status === 503)).toBe(true);
    expect(await db.sql`select 1 from support_cases where title like 'overflow-%'`).toHaveLength(0);
  });
});
