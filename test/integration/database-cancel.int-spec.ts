import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '@app/database';
import { createTestDatabase, openPool, TestDatabase } from '../setup/test-database.js';

const APPLICATION = 'cancel-test';

/**
 * A call whose caller gives up (a client that went away) ends like one past its deadline:
 * at once, its statement cancelled on the server, its connection back in the pool.
 */
describe('Database calls with an abort signal', () => {
  let db: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    database = openPool(db.url, { poolMax: 1, applicationName: APPLICATION });
  });
  afterAll(async () => {
    await database.close();
    await db.drop();
  });

  const running = async () =>
    (
      await db.sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where application_name = ${APPLICATION} and state <> 'idle'`
    )[0].n;

  it('cancels the statement in flight and frees its connection', async () => {
    const controller = new AbortController();
    const gone = new Error('client gone');
    const started = Date.now();
    const call = database.query((sql) => sql`select pg_sleep(30)`, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await running()).toBe(1);
    controller.abort(gone);

    await expect(call).rejects.toBe(gone);
    expect(Date.now() - started).toBeLessThan(1000);
    for (let i = 0; i < 20 && (await running()) > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await running()).toBe(0);
    // The pool's one connection serves the next call.
    expect(await database.query((sql) => sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('never starts a call aborted while it waits for a connection', async () => {
    const controller = new AbortController();
    const holder = database.query((sql) => sql`select pg_sleep(0.3)`);
    let ran = false;
    const waiting = database.query(
      async (sql) => {
        ran = true;
        return sql`select 1`;
      },
      { signal: controller.signal },
    );
    expect(database.load().waiting).toBe(1);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    await holder;
    expect(ran).toBe(false);
    expect(database.load()).toEqual({ active: 0, waiting: 0 });
  });

  it('refuses a call whose signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('before'));
    await expect(
      database.query((sql) => sql`select 1`, { signal: controller.signal }),
    ).rejects.toThrow('before');
  });
});
