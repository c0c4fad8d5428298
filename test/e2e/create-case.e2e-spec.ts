import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

describe('POST /api/v1/cases', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (body: unknown) =>
    request(t.http)
      .post('/api/v1/cases')
      .set('Content-Type', 'application/json')
      .send(body as object);

  const countRows = async () => {
    const [{ cases, queries, events }] = await t.db.sql<
      { cases: number; queries: number; events: number }[]
    >`select (select count(*)::int from support_cases) as cases,
             (select count(*)::int from query_records) as queries,
             (select count(*)::int from case_events) as events`;
    return { cases, queries, events };
  };

  it('creates a case with its queries and answers 201, the envelope and a Location', async () => {
    const res = await post(aCase({ title: '  Q4 sales extract  ', created_by: 'Ana@Example.COM' }));

    expect(res.status).toBe(201);
    expect(res.body.success).toBe(true);
    expect(res.body.errors).toEqual([]);
    const data = res.body.data;
    expect(res.headers.location).toBe(`/api/v1/cases/${data.id}`);
    expect(data).toMatchObject({
      title: 'Q4 sales extract',
      description: 'Monthly analysis',
      case_type: 'support',
      priority: 'high',
      status: 'open',
      created_by: 'ana@example.com',
    });
    expect(data.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(data.updated_at).toBe(data.created_at);
    expect(data.queries).toHaveLength(1);
    expect(data.queries[0]).toMatchObject({
      case_id: data.id,
      database_name: 'sales_db',
      schema_name: 'public',
      execution_time_ms: 245,
      rows_affected: 1500,
      result: null,
      executed_by: 'ana@example.com',
      executed_at: data.created_at,
      recorded_at: data.created_at,
    });

    const stored = await request(t.http).get(`/api/v1/cases/${data.id}`);
    expect(stored.body.data).toEqual(data);
  });

  it('writes case_created first and one query_recorded event per query, hash-chained', async () => {
    const res = await post(aCase({ queries: [aQuery(), aQuery({ query_text: 'SELECT 2' })] }));
    const events = await t.db.sql<
      { type: string; seq: number; prev_hash: string | null; hash: string }[]
    >`
      select type, seq, prev_hash, hash from case_events where case_id = ${res.body.data.id} order by seq`;

    expect(events.map((e) => e.type)).toEqual(['case_created', 'query_recorded', 'query_recorded']);
    expect(events[0].prev_hash).toBeNull();
    expect(events[1].prev_hash).toBe(events[0].hash);
    expect(events[2].prev_hash).toBe(events[1].hash);
  });

  it('accepts a case without queries', async () => {
    const { queries: _omit, ...body } = aCase();
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.body.data.queries).toEqual([]);
  });

  it('accepts null where the document says nullable', async () => {
    const res = await post(
      aCase({
        description: null,
        queries: [
          aQuery({
            execution_time_ms: null,
            rows_affected: null,
            result: null,
            executed_by: null,
            executed_at: null,
          }),
        ],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.data.description).toBeNull();
    expect(res.body.data.queries[0]).toMatchObject({
      execution_time_ms: null,
      rows_affected: null,
      result: null,
      executed_by: 'ana@example.com',
    });
  });

  it('keeps explicit executed_by, executed_at and a JSON result', async () => {
    const executedAt = '2025-10-01T10:00:00.123Z';
    const result = { rows: [{ region: 'north', total: 1200 }], note: 'ok' };
    const res = await post(
      aCase({
        queries: [aQuery({ executed_by: 'Bob@Example.com', executed_at: executedAt, result })],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.data.queries[0]).toMatchObject({
      executed_by: 'bob@example.com',
      executed_at: executedAt,
      result,
    });
  });

  it('stores and echoes rows_affected above 2^31 exactly', async () => {
    const big = 2 ** 31 + 12345;
    const res = await post(aCase({ queries: [aQuery({ rows_affected: big })] }));
    const stored = await request(t.http).get(`/api/v1/cases/${res.body.data.id}`);
    expect(stored.body.data.queries[0].rows_affected).toBe(big);
  });

  it.each([
    ['title', { title: '   ' }, 'title'],
    ['title too long', { title: 'x'.repeat(201) }, 'title'],
    ['description too long', { description: 'x'.repeat(5001) }, 'description'],
    ['case_type', { case_type: 'bug' }, 'case_type'],
    ['priority', { priority: 'urgent' }, 'priority'],
    ['created_by', { created_by: 'not-an-email' }, 'created_by'],
    ['status is not accepted', { status: 'closed' }, 'status'],
    ['unknown property', { colour: 'red' }, 'colour'],
    ['queries not an array', { queries: { a: 1 } }, 'queries'],
    ['queries null, which the document does not allow', { queries: null }, 'queries'],
    ['too many queries', { queries: Array.from({ length: 101 }, () => aQuery()) }, 'queries'],
    ['NUL in title', { title: 'a\u0000b' }, 'title'],
  ])(
    'rejects an invalid %s with 422 on that field and stores nothing',
    async (_name, overrides, field) => {
      const before = await countRows();
      const res = await post(aCase(overrides));

      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ success: false, data: null });
      expect(res.body.errors).toContainEqual(
        expect.objectContaining({ code: 'VALIDATION_ERROR', field }),
      );
      expect(await countRows()).toEqual(before);
    },
  );

  it.each([
    ['database_name', { database_name: '' }],
    ['schema_name', { schema_name: 'x'.repeat(129) }],
    ['query_text', { query_text: '' }],
    ['execution_time_ms', { execution_time_ms: -1 }],
    ['rows_affected', { rows_affected: 1.5 }],
    ['executed_by', { executed_by: 'nobody' }],
    ['executed_at', { executed_at: new Date(Date.now() + 10 * 60 * 1000).toISOString() }],
    ['executed_at', { executed_at: '2025-10-01' }],
    ['result.text', { result: { text: 'a\u0000b' } }],
    ['result', { result: 'x'.repeat(256 * 1024) }],
    ['query_text', { query_text: 'SELECT \u0000' }],
    ['extra', { extra: true }],
  ])('names a bad queries[2].%s by its path', async (field, overrides) => {
    const res = await post(aCase({ queries: [aQuery(), aQuery(), aQuery(overrides)] }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ code: 'VALIDATION_ERROR', field: `queries[2].${field}` }),
    );
  });

  it('reports one error per invalid field', async () => {
    const res = await post(
      aCase({ title: '', priority: 'nope', queries: [aQuery({ query_text: '' })] }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['priority', 'queries[0].query_text', 'title'].sort(),
    );
  });

  it('accepts executed_at within the 5-minute clock skew', async () => {
    const soon = new Date(Date.now() + 60 * 1000).toISOString();
    const res = await post(aCase({ queries: [aQuery({ executed_at: soon })] }));
    expect(res.status).toBe(201);
  });

  it.each([['[]'], ['"text"'], ['42'], ['null']])(
    'answers 422 to a JSON body that is not an object: %s',
    async (raw) => {
      const res = await request(t.http)
        .post('/api/v1/cases')
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        success: false,
        data: null,
        errors: [{ code: 'VALIDATION_ERROR' }],
      });
    },
  );

  it('answers 400 MALFORMED_JSON to broken JSON', async () => {
    const res = await request(t.http)
      .post('/api/v1/cases')
      .set('Content-Type', 'application/json')
      .send('{"title": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      success: false,
      data: null,
      errors: [{ code: 'MALFORMED_JSON', message: expect.any(String), field: null }],
    });
    expect(res.headers['x-correlation-id']).toBeDefined();
  });

  it('answers 415 to a POST without a JSON content type', async () => {
    const res = await request(t.http)
      .post('/api/v1/cases')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify(aCase()));
    expect(res.status).toBe(415);
    expect(res.body.errors[0].code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 413 to a body over the limit', async () => {
    const res = await post(aCase({ description: 'x'.repeat(1024 * 1024 + 10) }));
    expect(res.status).toBe(413);
    expect(res.body.errors[0].code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('writes nothing when a later part of the create fails', async () => {
    const before = await countRows();
    // Two records with the same id make the second insert fail inside the transaction.
    await t.db
      .sql`create or replace function fail_second_event() returns trigger language plpgsql as $$
      begin if new.seq = 2 then raise exception 'boom'; end if; return new; end $$`;
    await t.db.sql`create trigger fail_second_event before insert on case_events
      for each row execute function fail_second_event()`;
    try {
      const res = await post(aCase());
      expect(res.status).toBe(500);
      expect(res.body.errors[0].code).toBe('INTERNAL_ERROR');
      expect(JSON.stringify(res.body)).not.toMatch(/boom|insert|case_events/);
    } finally {
      await t.db.sql`drop trigger fail_second_event on case_events`;
    }
    expect(await countRows()).toEqual(before);
  });
});
