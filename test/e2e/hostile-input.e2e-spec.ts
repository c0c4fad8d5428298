import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

/** `[[[…]]]` nested `depth` levels, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i += 1) value = [value];
  return value;
}

/**
 * Values that once made the service answer 500, or stored a row that every later read
 * failed on. Each is refused with 422 on its field, and leaves the case as it was.
 */
describe('hostile input', () => {
  let t: TestApp;
  let caseId: string;
  let history: unknown;
  beforeAll(async () => {
    t = await startTestApp();
    caseId = (await request(t.http).post('/api/v1/cases').send(aCase())).body.data.id;
    history = (await request(t.http).get(`/api/v1/cases/${caseId}/history`)).body;
  });
  afterAll(async () => {
    await t.close();
  });

  const expect422 = (res: request.Response, field: string | null) => {
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ success: false, data: null });
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ code: 'VALIDATION_ERROR', field }),
    );
  };

  const unchanged = async () => {
    const res = await request(t.http).get(`/api/v1/cases/${caseId}`);
    expect(res.status).toBe(200);
    expect((await request(t.http).get(`/api/v1/cases/${caseId}/history`)).body).toEqual(history);
  };

  const append = (query: Record<string, unknown>) =>
    request(t.http)
      .post(`/api/v1/cases/${caseId}/queries`)
      .send({ queries: [aQuery(query)] });

  it.each([
    ['year 23', '0023-06-15T12:30:00Z'],
    ['year 99', '0099-12-31T00:00:00Z'],
    ['year 0', '0000-06-15T12:30:00Z'],
    ['year 1899', '1899-12-31T23:59:59Z'],
    ['1900 pushed below it by an offset', '1900-01-01T00:30:00+01:00'],
  ])('refuses executed_at in %s', async (_name, executedAt) => {
    expect422(await append({ executed_at: executedAt }), 'queries[0].executed_at');
    await unchanged();
  });

  it.each([
    ['date_gte', '0000-01-01'],
    ['date_gte', '0099-12-31'],
    ['date_lte', '1899-12-31T00:00:00Z'],
    ['date_lte', '10000-01-01'],
  ])('refuses the filter %s=%s', async (param, value) => {
    expect422(
      await request(t.http)
        .get('/api/v1/cases')
        .query({ [param]: value }),
      param,
    );
  });

  it('accepts the years 1900 and 9999 at their edges', async () => {
    const res = await request(t.http)
      .get('/api/v1/cases')
      .query({ date_gte: '1900-01-01', date_lte: '9999-12-31' });
    expect(res.status).toBe(200);
    expect(res.body.data.total).toBe(1);
  });

  it('counts title characters as PostgreSQL does (a variation selector is one)', async () => {
    const tooLong = await request(t.http)
      .post('/api/v1/cases')
      .send(aCase({ title: 'a\uFE0F'.repeat(200) }));
    expect422(tooLong, 'title');

    const title = 'a\uFE0F'.repeat(100);
    const fits = await request(t.http).post('/api/v1/cases').send(aCase({ title }));
    expect(fits.status).toBe(201);
    const read = await request(t.http).get(`/api/v1/cases/${fits.body.data.id}`);
    expect(read.body.data.title).toBe(title);
  });

  it('counts a character outside the BMP as one', async () => {
    const title = '😀'.repeat(200);
    const res = await request(t.http).post('/api/v1/cases').send(aCase({ title }));
    expect(res.status).toBe(201);
    expect(res.body.data.title).toBe(title);
  });

  it.each([
    ['title', aCase({ title: 'x\ud800' }), 'title'],
    ['description', aCase({ description: '\udfffx' }), 'description'],
    ['created_by', aCase({ created_by: 'a\ud800@b.co' }), 'created_by'],
    [
      'query_text',
      aCase({ queries: [aQuery({ query_text: 'select \ud800' })] }),
      'queries[0].query_text',
    ],
    [
      'a string in result',
      aCase({ queries: [aQuery({ result: { a: ['\ud800'] } })] }),
      'queries[0].result.a[0]',
    ],
    [
      'a key in result',
      aCase({ queries: [aQuery({ result: { 'k\ud800': 1 } })] }),
      'queries[0].result',
    ],
  ])('refuses a lone surrogate in %s', async (_name, body, field) => {
    expect422(await request(t.http).post('/api/v1/cases').send(body), field);
  });

  it('refuses a lone surrogate in a status note, and NUL in a search', async () => {
    const note = await request(t.http)
      .post(`/api/v1/cases/${caseId}/status`)
      .send({ status: 'in_progress', changed_by: 'a@b.co', note: 'x\ud800' });
    expect422(note, 'note');
    await unchanged();
    // A URL carries UTF-8, which cannot encode a lone surrogate; NUL it can.
    expect422(await request(t.http).get('/api/v1/cases').query({ search: 'x\u0000' }), 'search');
  });

  it.each([
    ['100,000 levels', 100_000],
    ['129 levels', 129],
    ['65 levels', 65],
  ])('refuses a result nested %s deep', async (_name, depth) => {
    // Serialized by hand: JSON.stringify itself recurses, and would overflow here.
    const { result: _omitted, ...query } = aQuery();
    const body = `{"queries":[${JSON.stringify(query).slice(0, -1)},"result":${'['.repeat(depth)}${']'.repeat(depth)}}]}`;
    const res = await request(t.http)
      .post(`/api/v1/cases/${caseId}/queries`)
      .set('Content-Type', 'application/json')
      .send(body);
    expect422(res, 'queries[0].result');
    await unchanged();
  });

  it('accepts a result nested 64 levels deep and reads it back', async () => {
    const result = nested(64);
    const res = await request(t.http)
      .post('/api/v1/cases')
      .send(aCase({ queries: [aQuery({ result })] }));
    expect(res.status).toBe(201);
    const read = await request(t.http).get(`/api/v1/cases/${res.body.data.id}`);
    expect(read.body.data.queries[0].result).toEqual(result);
  });

  it('refuses a path that is not valid percent-encoded UTF-8', async () => {
    const res = await request(t.http).get('/api/v1/cases/%E0%A4');
    expect422(res, null);
  });

  it.each(['PUT', 'PATCH', 'DELETE'])(
    'answers %s on a case with 405, whatever its body',
    async (method) => {
      for (const contentType of [undefined, 'text/plain', 'application/json']) {
        const req = request(t.http)[method.toLowerCase() as 'put'](`/api/v1/cases/${caseId}`);
        if (contentType) req.set('Content-Type', contentType);
        const res = await req;
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD');
        expect(res.body.errors[0].code).toBe('METHOD_NOT_ALLOWED');
      }
    },
  );

  it('reads back a case whose query ran in year 23, stored before years were bounded', async () => {
    const res = await request(t.http).post('/api/v1/cases').send(aCase());
    const id = res.body.data.id as string;
    // What an earlier version let through; migration 0004 now refuses it for new rows.
    await t.db.sql.begin(async (sql) => {
      await sql`alter table query_records drop constraint query_records_executed_at_range`;
      await sql`
        insert into query_records (id, case_id, position, database_name, schema_name,
          query_text, executed_by, executed_at, recorded_at)
        values (gen_random_uuid(), ${id}, 2, 'd', 's', 'q', 'a@b.co',
          '0023-06-15T12:30:00Z', now())`;
      // As that version's append did: the case row counts its records. (Without the
      // event that would come with it: this test is about reading, not the audit trail.)
      await sql`alter table support_cases disable trigger support_cases_match_events`;
      await sql`update support_cases set queries_count = 2 where id = ${id}`;
      await sql`alter table support_cases enable trigger support_cases_match_events`;
      await sql`
        alter table query_records add constraint query_records_executed_at_range
        check (executed_at >= '1900-01-01' and executed_at < '10000-01-01') not valid`;
    });
    const read = await request(t.http).get(`/api/v1/cases/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.queries[1].executed_at).toBe('0023-06-15T12:30:00.000Z');
  });
});
