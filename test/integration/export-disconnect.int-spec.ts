import { get, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Database } from '@app/database';
import { startAppOn } from '../setup/test-app.js';
import { createTestDatabase, openPool, TestDatabase } from '../setup/test-database.js';

const APPLICATION = 'export-disconnect-test';
const CASES = 5000;
const RECORDS_PER_CASE = 3;

/**
 * Cases straight into the tables, in one statement: far more than socket buffers hold once
 * exported (about 20 MB of NDJSON), so an export whose client stops reading is still
 * running. Triggers are off for the session (append-only guards, counters, the event
 * check): the rows are consistent, but carry no events.
 */
async function seedCases(db: TestDatabase): Promise<void> {
  await db.sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`
      with new_cases as (
        insert into support_cases (
          id, title, description, case_type, priority, status, created_by,
          created_at, updated_at, queries_count, events_count)
        select gen_random_uuid(), 'Case ' || i, null, 'support', 'high', 'open',
               'seed@example.com', ts, ts, ${RECORDS_PER_CASE}, 0
        from generate_series(1, ${CASES}) i,
             lateral (select timestamptz '2025-01-01' + make_interval(secs => i) as ts) t
        returning id, created_at
      )
      insert into query_records (
        id, case_id, position, database_name, schema_name, query_text, executed_by,
        executed_at, recorded_at)
      select gen_random_uuid(), c.id, p, 'sales_db', 'public',
             'SELECT ' || repeat('some_column, ', 40) || p || ' FROM sales',
             'seed@example.com', c.created_at, c.created_at
      from new_cases c, generate_series(1, ${RECORDS_PER_CASE}) p`;
  });
}

/** A GET whose body is read up to its first chunk, then no further. */
function startStalledExport(base: string) {
  return new Promise<{ res: IncomingMessage; abort: () => void }>((resolve, reject) => {
    const req = get(`${base}/api/v1/cases/export`, (res) => {
      res.once('data', () => {
        res.pause();
        resolve({ res, abort: () => req.destroy() });
      });
    });
    req.on('error', () => undefined);
    setTimeout(() => reject(new Error('no first chunk')), 5000).unref();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client that goes away stops the export's database work at once: no page is read after
 * it, nothing is left running or idle in a transaction, and the pool and the client's
 * export turn are free for what comes next.
 */
describe('an export whose client disconnects', () => {
  let db: TestDatabase;
  let database: Database;
  let app: INestApplication;
  let base: string;
  let pageReads = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedCases(db);
    database = openPool(db.url, {
      poolMax: 3,
      applicationName: APPLICATION,
      requestTimeoutMs: 4000,
      debug: (statement) => {
        if (/from support_cases[\s\S]*order by created_at, id/.test(statement)) pageReads += 1;
      },
    });
    app = await startAppOn(db.url, database);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }, 60000);
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const backends = async () =>
    db.sql<{ state: string; query: string }[]>`
      select state, query from pg_stat_activity
      where application_name = ${APPLICATION} and state in ('active', 'idle in transaction')`;

  it('stops reading, holds nothing, and frees the pool and the turn', async () => {
    const stalled = await startStalledExport(base);
    // The client reads no more: the server waits for the socket to drain.
    await sleep(500);
    const readsWhileStalled = pageReads;
    expect(readsWhileStalled).toBeGreaterThan(0);
    expect(readsWhileStalled).toBeLessThan(CASES / 200);

    // Its export is still running, so the same client may not start another.
    const second = await request(base).get('/api/v1/cases/export');
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBeDefined();
    expect(second.body).toMatchObject({ success: false, errors: [{ code: 'RATE_LIMITED' }] });

    stalled.abort();
    const deadline = Date.now() + 1000;
    while ((await backends()).length > 0 && Date.now() < deadline) await sleep(25);
    expect(await backends()).toEqual([]);
    const readsAfterAbort = pageReads;
    await sleep(500);
    expect(pageReads).toBe(readsAfterAbort);
    expect(pageReads).toBeLessThanOrEqual(readsWhileStalled + 1);

    expect((await request(base).get('/api/v1/cases?page_size=1')).body.data.total).toBe(0);
    const again = await request(base)
      .get('/api/v1/cases/export?format=csv')
      .buffer(true)
      .parse((res, done) => {
        // Line ends counted byte by byte: a chunk may end between the \r and the \n.
        let rows = 0;
        let previous = 0;
        res.on('data', (chunk: Buffer) => {
          for (const byte of chunk) {
            if (byte === 0x0a && previous === 0x0d) rows += 1;
            previous = byte;
          }
        });
        res.on('end', () => done(null, rows));
      });
    expect(again.status).toBe(200);
    expect(again.body).toBe(1 + CASES * RECORDS_PER_CASE);
  }, 60000);
});
