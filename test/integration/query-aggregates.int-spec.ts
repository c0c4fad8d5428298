import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Migrator } from '@app/database';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

const AGGREGATES = [
  'fingerprint_stats',
  'fingerprint_cases',
  'fingerprint_time_histogram',
  'table_cases',
  'table_stats',
  'query_daily_counts',
  'case_daily_counts',
  'case_resolution_histogram',
] as const;

/**
 * Migration 0010 counts what was written before it exactly as the service counts writes,
 * migration 0011 (counting behind the writes) rolls back without losing what it had
 * queued, and 0012 and 0014 roll back to functions that answer the same.
 */
describe('migrations 0010 to 0015 on a database with history', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const snapshot = async () => {
    // What is still queued (migration 0011), counted first, as the service does.
    const [{ queues }] = await t.db.sql<{ queues: boolean }[]>`
      select to_regprocedure('count_queued(integer)') is not null as queues`;
    // count_queued() gives up at once (0) while the service's background count holds the
    // lock: wait for that count to commit, then count what is left.
    if (queues) {
      await t.db.sql.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(1130011, 0)`;
        while ((await tx<{ n: number }[]>`select count_queued(10000) as n`)[0].n > 0);
      });
    }
    const tables: Record<string, string[]> = {};
    for (const table of AGGREGATES) {
      // Rows a status move left at zero are the counters' bookkeeping, not a figure.
      const rows = await t.db.sql`
        select * from ${t.db.sql(table)} where not (to_jsonb(${t.db.sql(table)}) ? 'n')
          or (to_jsonb(${t.db.sql(table)}) ->> 'n')::bigint > 0`;
      tables[table] = rows.map((row) => JSON.stringify(row)).sort();
    }
    return tables;
  };

  it('fills the counters from the cases, records, analyses and events already there', async () => {
    for (const [i, text] of [
      'SELECT 1 FROM a',
      'DELETE FROM b',
      'SELECT 2 FROM a',
      'x y z',
    ].entries()) {
      const created = await request(t.http)
        .post('/api/v1/cases')
        .send(
          aCase({
            queries: [
              aQuery({ query_text: text, execution_time_ms: 10 * i, rows_affected: i }),
              aQuery({ query_text: 'UPDATE c SET v = 1', database_name: 'prod_db' }),
            ],
          }),
        );
      expect(created.status).toBe(201);
      for (const status of i % 2 ? ['in_progress', 'resolved'] : ['closed']) {
        const moved = await request(t.http)
          .post(`/api/v1/cases/${created.body.data.id}/status`)
          .send({ status, changed_by: 'a@b.co' });
        expect(moved.status).toBe(201);
      }
    }
    const kept = await snapshot();
    expect(kept.fingerprint_stats.length).toBeGreaterThan(0);
    expect(kept.case_resolution_histogram.length).toBeGreaterThan(0);

    // Written last, maybe still queued: rolling 0011 back counts it before 0010's
    // counting at commit takes over.
    await request(t.http)
      .post('/api/v1/cases')
      .send(
        aCase({
          queries: [aQuery({ query_text: 'SELECT 3 FROM written_last', database_name: 'x' })],
        }),
      )
      .expect(201);
    const migrator = new Migrator(t.db.url);
    // 0012 only redefines the counting functions as inlinable SQL: the same answers, for
    // every fingerprint written, counted or still queued (the service counts meanwhile).
    const counts = async () =>
      t.db.sql`
        select b.print, b.cases
        from (select distinct analyzer_version, fingerprint from query_analyses
              where fingerprint is not null) s,
          fingerprint_case_counts_before(s.analyzer_version, array[s.fingerprint]::text[],
                                         gen_random_uuid()) b
        order by 1`;
    const inlined = await counts();
    expect(inlined.length).toBeGreaterThan(0);
    // 0014 rewrites analysis_terms() in PL/pgSQL: the same terms, so 0013's index holds.
    const terms = async () =>
      t.db.sql`
        select query_id, analysis_terms(classes, flags, tables) as terms
        from query_analyses order by query_id`;
    const inPlpgsql = await terms();
    expect(inPlpgsql.some((row) => row.terms.length > 1)).toBe(true);
    expect((await migrator.rollback(2)).map((m) => m.version)).toEqual([15, 14]);
    expect(await terms()).toEqual(inPlpgsql);
    expect((await migrator.rollback(2)).map((m) => m.version)).toEqual([13, 12]);
    expect(await counts()).toEqual(inlined);
    expect((await migrator.rollback(1)).map((m) => m.version)).toEqual([11]);
    const withLast = await snapshot();
    expect(withLast.fingerprint_stats).toHaveLength(kept.fingerprint_stats.length + 1);
    expect(withLast.case_daily_counts).not.toEqual(kept.case_daily_counts);

    expect((await migrator.rollback(1)).map((m) => m.version)).toEqual([10]);
    expect((await migrator.migrate()).map((m) => m.version)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(await snapshot()).toEqual(withLast);
  });
});
