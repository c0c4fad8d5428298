import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, openPool, TestDatabase } from '../setup/test-database.js';

/**
 * Transactions through the patched postgres.js, which sends a transaction's first
 * statement in the same write as its BEGIN: every statement still runs inside its own
 * transaction, on a connection nothing else shares, when callers outnumber the pool.
 */
describe('transactions on a busy pool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.sql`create table tx_probe (worker int, n int)`;
  });
  afterAll(async () => {
    await db.drop();
  });

  it('keeps each transaction to itself, committed or rolled back', async () => {
    const pool = openPool(db.url, { poolMax: 3, maxQueued: 100 });
    const committed = new Map<number, number>();
    const wrong: string[] = [];
    try {
      await Promise.all(
        Array.from({ length: 12 }, async (_, worker) => {
          for (let n = 0; n < 20; n += 1) {
            const before = committed.get(worker) ?? 0;
            try {
              await pool.transaction(async (sql) => {
                // The first statement, sent with the BEGIN: rolled back below when n % 4 is 0.
                await sql`insert into tx_probe values (${worker}, ${n})`;
                const [{ count }] = await sql<{ count: number }[]>`
                  select count(*)::int as count from tx_probe where worker = ${worker}`;
                if (count !== before + 1) wrong.push(`${worker}/${n} saw ${count} rows`);
                if (n % 4 === 0) throw new Error('roll back');
              });
              committed.set(worker, before + 1);
            } catch (error) {
              if ((error as Error).message !== 'roll back') wrong.push(String(error));
            }
          }
        }),
      );
    } finally {
      await pool.close();
    }
    expect(wrong).toEqual([]);
    const rows = await db.sql<{ worker: number; n: number }[]>`
      select worker, n from tx_probe order by worker, n`;
    expect(rows).toHaveLength(12 * 15);
    expect(rows.every((row) => row.n % 4 !== 0)).toBe(true);
  });
});
