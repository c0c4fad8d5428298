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

/** Migration 0010 counts what was written before it exactly as its triggers count writes. */
describe('migration 0010 on a database with history', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const snapshot = async () => {
    const tables: Record<string, string[]> = {};
    for (const table of AGGREGATES) {
      // Rows a status move left at zero are the triggers' bookkeeping, not a figure.
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

    const migrator = new Migrator(t.db.url);
    expect((await migrator.rollback(1)).map((m) => m.version)).toEqual([10]);
    expect((await migrator.migrate()).map((m) => m.version)).toEqual([10]);
    expect(await snapshot()).toEqual(kept);
  });
});
