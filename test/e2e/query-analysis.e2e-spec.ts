import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SQL_CORPUS } from '../../apps/api/src/analysis/domain/sql-corpus.js';
import { INLINE_ANALYSIS_MAX_CHARS } from '../../apps/api/src/analysis/pooled-sql-analyzer.js';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

interface AnalysisBody {
  analyzer_version: string;
  parsed: boolean;
  parse_error: { message: string; position: number | null } | null;
  fingerprint: string | null;
  normalized: string | null;
  statement_types: string[];
  classes: string[];
  tables: string[];
  flags: string[];
}
type RecordBody = { query_text: string; analysis: AnalysisBody | null };

describe('query analysis through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('analyses every record of a create, as the corpus expects, and shows it again on read', async () => {
    const queries = SQL_CORPUS.map((c) =>
      aQuery({ query_text: c.sql, schema_name: c.schema ?? 'public' }),
    );
    const created = await request(t.http).post('/api/v1/cases').send(aCase({ queries }));
    expect(created.status).toBe(201);
    const answered = created.body.data.queries as RecordBody[];
    const read = (await request(t.http).get(`/api/v1/cases/${created.body.data.id}`)).body.data
      .queries as RecordBody[];
    expect(read).toEqual(answered);
    SQL_CORPUS.forEach((c, i) => {
      const analysis = answered[i].analysis!;
      expect([c.name, analysis.tables, analysis.classes, analysis.flags]).toEqual([
        c.name,
        c.tables,
        c.classes,
        c.flags,
      ]);
      expect(analysis).toMatchObject({ analyzer_version: 'pg18-v1', parsed: true });
    });
  });

  it('groups texts that differ only in literals, and stores what does not parse as given', async () => {
    const queries = [
      "SELECT * FROM accounts WHERE id = 42 AND region = 'eu'",
      'select *  from accounts where id = 7 and region = $1 -- retry',
      'SELECT TOP 10 * FROM [dbo].[accounts]',
    ].map((query_text) => aQuery({ query_text }));
    const res = await request(t.http).post('/api/v1/cases').send(aCase({ queries }));
    expect(res.status).toBe(201);
    const [a, b, tsql] = (res.body.data.queries as RecordBody[]).map((q) => q.analysis!);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.normalized).toBe('SELECT * FROM accounts WHERE id = $1 AND region = $2');
    expect(tsql).toMatchObject({
      parsed: false,
      fingerprint: null,
      normalized: null,
      statement_types: [],
      classes: [],
      tables: [],
      flags: [],
    });
    expect(tsql.parse_error!.message).toMatch(/syntax error/);
    expect(res.body.data.queries[2].query_text).toBe('SELECT TOP 10 * FROM [dbo].[accounts]');
  });

  it('analyses appended records under the newest analyzer, one stored row each', async () => {
    const id = (
      await request(t.http)
        .post('/api/v1/cases')
        .send(aCase({ queries: [] }))
    ).body.data.id as string;
    const appended = await request(t.http)
      .post(`/api/v1/cases/${id}/queries`)
      .send({ queries: [aQuery({ query_text: 'DELETE FROM sessions' })] });
    expect(appended.status).toBe(201);
    expect(appended.body.data.items[0].analysis).toMatchObject({
      classes: ['WRITE'],
      tables: ['public.sessions'],
      flags: ['DELETE_WITHOUT_WHERE'],
    });
    const page = await request(t.http).get(`/api/v1/cases/${id}/queries`);
    expect(page.body.data.items[0].analysis).toEqual(appended.body.data.items[0].analysis);
    const [{ n }] = await t.db.sql<{ n: number }[]>`
      select count(*)::int as n from query_analyses a join query_records q on q.id = a.query_id
      where q.case_id = ${id}`;
    expect(n).toBe(1);
  });

  it('analyses texts up to the 100,000-character limit, long ones off the event loop', async () => {
    const ids = Array.from({ length: 16_000 }, (_, i) => i).join(', ');
    const long = `SELECT * FROM big_t WHERE id IN (${ids})`.slice(0, 99_990) + ')';
    const some = Array.from({ length: 5_000 }, (_, i) => i).join(', ');
    const longDelete = `DELETE FROM audit.trail WHERE id IN (${some})`;
    expect(longDelete.length).toBeGreaterThan(INLINE_ANALYSIS_MAX_CHARS);
    const res = await request(t.http)
      .post('/api/v1/cases')
      .send(
        aCase({
          queries: [aQuery({ query_text: longDelete }), aQuery({ query_text: 'select 1' })],
        }),
      );
    expect(res.status).toBe(201);
    expect(res.body.data.queries[0].analysis).toMatchObject({
      parsed: true,
      classes: ['WRITE'],
      tables: ['audit.trail'],
      flags: [],
    });
    expect(res.body.data.queries[1].analysis).toMatchObject({ parsed: true, classes: ['READ'] });
    // A cut-off text is no statement: stored as given, parsed: false, never refused.
    const cut = await request(t.http)
      .post('/api/v1/cases')
      .send(aCase({ queries: [aQuery({ query_text: long.slice(0, 99_000) })] }));
    expect(cut.status).toBe(201);
    expect(cut.body.data.queries[0].analysis.parsed).toBe(false);
  });
});

describe('GET /api/v1/cases by what its queries did', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    const open = async (name: string, queries: Record<string, unknown>[]) => {
      const res = await request(t.http)
        .post('/api/v1/cases')
        .send(aCase({ title: name, queries: queries.map((q) => aQuery(q)) }));
      expect(res.status).toBe(201);
      ids[name] = res.body.data.id;
    };
    await open('purge', [{ database_name: 'prod_db', query_text: 'DELETE FROM sessions' }]);
    await open('report', [
      {
        database_name: 'sales_db',
        query_text: 'select * from public.accounts where id = 1',
        executed_by: 'bo@example.com',
      },
    ]);
    await open('fix', [{ database_name: 'prod_db', query_text: 'UPDATE accounts SET tier = 2' }]);
    // Each filter holds for some record, never all for one: no match for both together.
    await open('split', [
      { database_name: 'prod_db', query_text: 'select 1' },
      { database_name: 'sales_db', query_text: 'select * from accounts' },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const titles = async (query: Record<string, string>) => {
    const res = await request(t.http)
      .get('/api/v1/cases')
      .query({ ...query, page_size: '50' });
    expect(res.status).toBe(200);
    expect(res.body.data.total).toBe(res.body.data.items.length);
    return (res.body.data.items as { title: string }[]).map((c) => c.title).sort();
  };

  it('filters by table (any letter case), class, flag, database and executor', async () => {
    expect(await titles({ table: 'Public.ACCOUNTS' })).toEqual(['fix', 'report', 'split']);
    expect(await titles({ class: 'WRITE' })).toEqual(['fix', 'purge']);
    expect(await titles({ flag: 'UPDATE_WITHOUT_WHERE' })).toEqual(['fix']);
    expect(await titles({ database_name: 'prod_db' })).toEqual(['fix', 'purge', 'split']);
    expect(await titles({ executed_by: 'BO@example.com' })).toEqual(['report']);
  });

  it('matches a case only when one same record meets every query filter', async () => {
    expect(await titles({ database_name: 'prod_db', table: 'public.accounts' })).toEqual(['fix']);
    expect(await titles({ database_name: 'prod_db', class: 'READ' })).toEqual(['split']);
    expect(await titles({ table: 'public.accounts', priority: 'low' })).toEqual([]);
  });

  it('filters by fingerprint', async () => {
    const report = await request(t.http).get(`/api/v1/cases/${ids.report}`);
    const fingerprint = report.body.data.queries[0].analysis.fingerprint as string;
    expect(await titles({ fingerprint })).toEqual(['report']);
  });

  it.each([
    ['table', 'accounts'],
    ['table', 'a.b.c'],
    ['fingerprint', 'XYZ'],
    ['class', 'SELECT'],
    ['flag', 'DROPPED'],
    ['executed_by', 'not-an-email'],
  ])('refuses %s=%s with a 422 naming it', async (name, value) => {
    const res = await request(t.http)
      .get('/api/v1/cases')
      .query({ [name]: value });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field: name });
  });
});
