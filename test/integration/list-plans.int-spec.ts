import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '@app/database';
import type { CaseListCriteria } from '../../apps/api/src/cases/domain/case-list.js';
import { PgCasesRepository } from '../../apps/api/src/cases/persistence/pg-cases.repository.js';
import { createTestDatabase, openPool, TestDatabase } from '../setup/test-database.js';

/**
 * The list statements, exactly as the repository sends them, are answered through the
 * indexes of the migrations. The test tables are tiny, so sequential scans are priced
 * out of the running: what is left is whether an index can serve the statement at all
 * (an expression that drifted from its index, say, could not).
 */
class Rollback {
  constructor(readonly rows: readonly unknown[]) {}
}

describe('list query plans', () => {
  let db: TestDatabase;
  let database: Database;
  let statements: { text: string; params: unknown[] }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    database = openPool(db.url, {
      poolMax: 1,
      applicationName: 'case-tracker-test-plans',
      debug: (text, params) => statements.push({ text, params }),
    });
  });
  afterAll(async () => {
    await database.close();
    await db.drop();
  });

  /** Runs the repository's list for `criteria` (first page, newest first), capturing its SQL. */
  async function runList(criteria: Partial<CaseListCriteria>): Promise<void> {
    statements = [];
    await new PgCasesRepository(database).list(
      {
        page: 1,
        pageSize: 10,
        sortBy: 'created_at',
        sortOrder: 'desc',
        ...criteria,
      },
      1000,
    );
  }

  /**
   * The plan of each support_cases statement the repository runs for `criteria`. With
   * `onlyIndex`, every other index but the primary key is dropped for the EXPLAIN (in a
   * transaction that is rolled back), so the plan shows whether that index can serve.
   */
  async function plansFor(
    criteria: Partial<CaseListCriteria>,
    onlyIndex?: string,
  ): Promise<string[]> {
    await runList(criteria);
    const captured = statements.filter(({ text }) => /from support_cases/.test(text));
    const plans: string[] = [];
    for (const { text, params } of captured) {
      const rows = await db.sql
        .begin(async (tx) => {
          await tx`set local enable_seqscan = off`;
          if (onlyIndex) {
            const others = await tx<{ indexname: string }[]>`
              select indexname from pg_indexes
              where tablename = 'support_cases'
                and indexname not in ('support_cases_pkey', ${onlyIndex})`;
            for (const { indexname } of others) await tx`drop index ${tx(indexname)}`;
          }
          throw new Rollback(await tx.unsafe(`explain ${text}`, params as never[]));
        })
        .catch((error: unknown) => {
          if (error instanceof Rollback) return error.rows;
          throw error;
        });
      plans.push(rows.map((row) => (row as Record<string, string>)['QUERY PLAN']).join('\n'));
    }
    return plans;
  }

  it('counts a filtered search through the search index, filters included', async () => {
    const plans = await plansFor(
      { status: 'open', priority: 'high', search: 'invoice' },
      'support_cases_search_idx',
    );
    const count = plans.find((plan) => plan.includes('Aggregate'));
    expect(count).toMatch(/support_cases_search_idx/);
    expect(count).toMatch(/Index Cond: .*~~\*.*status = .*priority = /s);
  });

  it('reads the default page from the created_at index', async () => {
    const [page] = await plansFor({});
    expect(page).toMatch(/Index Only Scan Backward using support_cases_created_at_idx/);
    expect(page).not.toMatch(/Seq Scan on support_cases/);
  });

  it('runs a list the trigram index cannot narrow on one backend, statement after statement, without parallel workers or the index expression', async () => {
    await runList({ search: 'e' });
    const texts = statements.map(({ text }) => text.replace(/\s+/g, ' ').trim());
    expect(texts).toEqual([
      'begin',
      'set local max_parallel_workers_per_gather = 0',
      expect.stringMatching(
        /^select c\.id, .* from support_cases where \(title ilike \$1 or description ilike \$2\) order by .* page join/,
      ),
      'select count(*) as matched from ( select from support_cases where (title ilike $1 or description ilike $2) limit $3 ) bounded',
      'commit',
    ]);
  });
});
