import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase, aQuery } from '../factories/case.factory.js';
import { parseCsv } from '../setup/csv-reader.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

interface Line {
  id: string;
  title: string;
  created_at: string;
  queries_total: number;
  queries: Array<{ id: string; query_text: string; analysis: { tables: string[] } | null }>;
  [field: string]: unknown;
}

describe('GET /api/v1/cases/export', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const create = async (name: string, body: Record<string, unknown>) => {
    const res = await request(t.http).post('/api/v1/cases').send(aCase(body));
    expect(res.status).toBe(201);
    ids[name] = res.body.data.id as string;
  };

  // supertest buffers text/csv but not application/x-ndjson: read either body as text.
  const exportAs = (query: Record<string, string>) =>
    request(t.http)
      .get('/api/v1/cases/export')
      .query(query)
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done(null, body));
      });

  const ndjson = async (query: Record<string, string> = {}) => {
    const res = await exportAs(query);
    expect(res.status).toBe(200);
    const text = res.body as unknown as string;
    expect(text === '' || text.endsWith('\n')).toBe(true);
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Line);
  };

  beforeAll(async () => {
    t = await startTestApp();
    await create('hostile', {
      title: '+1 urgent, "quoted"',
      description: '=HYPERLINK("http://evil.example","click")\nsecond line',
      queries: [
        aQuery({ database_name: '@prod', query_text: '-- why\nSELECT a, "b" FROM public.sales' }),
        aQuery({ query_text: "SELECT 'x,y' FROM sales" }),
      ],
    });
    await create('many', {
      title: 'Many records',
      priority: 'low',
      queries: Array.from({ length: 100 }, (_, i) => aQuery({ query_text: `SELECT ${i}` })),
    });
    const more = await request(t.http)
      .post(`/api/v1/cases/${ids.many}/queries`)
      .send({
        queries: Array.from({ length: 50 }, (_, i) =>
          aQuery({ query_text: `SELECT * FROM public.accounts WHERE id = ${100 + i}` }),
        ),
      });
    expect(more.status).toBe(201);
    await create('empty', { title: 'No records', queries: [], created_by: 'bo@example.com' });
    const closed = await request(t.http)
      .post(`/api/v1/cases/${ids.empty}/status`)
      .send({ status: 'closed', changed_by: 'bo@example.com' });
    expect(closed.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('streams one NDJSON line per case, in (created_at, id) order, as an attachment', async () => {
    const res = await exportAs({});
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="cases-\d{8}T\d{6}Z\.ndjson"$/,
    );
    expect(res.headers['x-correlation-id']).toBeDefined();
    const lines = await ndjson();
    expect(lines.map((line) => line.id)).toEqual([ids.hostile, ids.many, ids.empty]);
    const order = [...lines].sort(
      (a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id),
    );
    expect(lines).toEqual(order);
  });

  it('writes each case as the detail answers it, with all its records and analyses', async () => {
    const lines = await ndjson();
    const many = lines.find((line) => line.id === ids.many)!;
    expect(many.queries_total).toBe(150);
    expect(many.queries).toHaveLength(150);
    expect(many.queries.map((q) => q.query_text).slice(98, 102)).toEqual([
      'SELECT 98',
      'SELECT 99',
      'SELECT * FROM public.accounts WHERE id = 100',
      'SELECT * FROM public.accounts WHERE id = 101',
    ]);
    expect(many.queries.every((q) => q.analysis !== null)).toBe(true);
    expect(many.queries[149].analysis!.tables).toEqual(['public.accounts']);

    for (const line of lines) {
      const detail = (await request(t.http).get(`/api/v1/cases/${line.id}`)).body.data;
      expect({ ...line, queries: line.queries.slice(0, 100) }).toEqual(detail);
    }
    const page2 = (await request(t.http).get(`/api/v1/cases/${ids.many}/queries?page=2`)).body.data;
    expect(many.queries.slice(50, 100)).toEqual(page2.items);
  });

  it('applies the list filters, the query-level ones included', async () => {
    const idsOf = async (query: Record<string, string>) =>
      (await ndjson(query)).map((line) => line.id);
    expect(await idsOf({ status: 'closed' })).toEqual([ids.empty]);
    expect(await idsOf({ priority: 'low' })).toEqual([ids.many]);
    expect(await idsOf({ created_by: 'BO@example.com' })).toEqual([ids.empty]);
    expect(await idsOf({ search: 'quoted' })).toEqual([ids.hostile]);
    expect(await idsOf({ table: 'public.ACCOUNTS' })).toEqual([ids.many]);
    expect(await idsOf({ database_name: '@prod' })).toEqual([ids.hostile]);
    expect(await idsOf({ date_gte: '2999-01-01' })).toEqual([]);
  });

  it('answers an empty export with no lines, and a CSV with its header row only', async () => {
    expect(await ndjson({ date_lte: '2000-01-01' })).toEqual([]);
    const res = await exportAs({ format: 'csv', date_lte: '2000-01-01' });
    expect(res.status).toBe(200);
    expect(parseCsv(res.body as unknown as string)).toHaveLength(1);
  });

  describe('as CSV', () => {
    let rows: Record<string, string>[];
    let text: string;
    beforeAll(async () => {
      const res = await exportAs({ format: 'csv' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="cases-\d{8}T\d{6}Z\.csv"$/,
      );
      text = res.body as unknown as string;
      const [header, ...records] = parseCsv(text);
      rows = records.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
    });

    it('has a header row and one row per record, a case without records on one row', () => {
      expect(parseCsv(text)[0]).toEqual([
        'case_id',
        'title',
        'description',
        'case_type',
        'priority',
        'status',
        'created_by',
        'created_at',
        'updated_at',
        'query_id',
        'query_position',
        'database_name',
        'schema_name',
        'query_text',
        'execution_time_ms',
        'rows_affected',
        'executed_by',
        'executed_at',
        'recorded_at',
        'analyzer_version',
        'parsed',
        'fingerprint',
        'statement_types',
        'classes',
        'tables',
        'flags',
      ]);
      expect(rows.map((row) => row.case_id)).toEqual([
        ids.hostile,
        ids.hostile,
        ...Array<string>(150).fill(ids.many),
        ids.empty,
      ]);
      expect(rows.at(-1)).toMatchObject({ status: 'closed', query_id: '', query_text: '' });
      expect(rows.filter((row) => row.case_id === ids.many).map((r) => r.query_position)).toEqual(
        Array.from({ length: 150 }, (_, i) => String(i + 1)),
      );
      expect(rows[2]).toMatchObject({
        execution_time_ms: '245',
        rows_affected: '1500',
        parsed: 'true',
        classes: 'READ',
        statement_types: 'SelectStmt',
      });
    });

    it('quotes commas, quotes and line breaks, and neutralises formulas', () => {
      const [first, second] = rows;
      expect(first.title).toBe(`'+1 urgent, "quoted"`);
      expect(first.description).toBe(`'=HYPERLINK("http://evil.example","click")\nsecond line`);
      expect(first.database_name).toBe("'@prod");
      expect(first.query_text).toBe(`'-- why\nSELECT a, "b" FROM public.sales`);
      expect(second.query_text).toBe("SELECT 'x,y' FROM sales");
      expect(text).toContain(`"'+1 urgent, ""quoted"""`);
      expect(text.split('\r\n').length).toBeGreaterThan(rows.length);
    });
  });

  it.each([
    [{ format: 'xml' }, 'format'],
    [{ page: '2' }, 'page'],
    [{ sort_by: 'title' }, 'sort_by'],
    [{ status: 'nope' }, 'status'],
    [{ table: 'nodot' }, 'table'],
  ])('refuses %j with an enveloped 422 naming the parameter', async (query, field) => {
    const res = await request(t.http).get('/api/v1/cases/export').query(query);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      success: false,
      data: null,
      errors: [{ code: 'VALIDATION_ERROR', field }],
    });
  });
});
