import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

describe('GET /api/v1/cases/{id}', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the case with its queries in the order they were recorded', async () => {
    const queries = ['SELECT 1', 'SELECT 2', 'SELECT 3'].map((q) => aQuery({ query_text: q }));
    const created = await request(t.http).post('/api/v1/cases').send(aCase({ queries }));
    const res = await request(t.http).get(`/api/v1/cases/${created.body.data.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data.queries.map((q: { query_text: string }) => q.query_text)).toEqual([
      'SELECT 1',
      'SELECT 2',
      'SELECT 3',
    ]);
    expect(res.body.data.queries_total).toBe(3);
  });

  it('answers only the first 100 records, oldest first, and queries_total with all of them', async () => {
    const texts = Array.from({ length: 105 }, (_, i) => `SELECT ${i + 1}`);
    const created = await request(t.http)
      .post('/api/v1/cases')
      .send(aCase({ queries: texts.slice(0, 100).map((q) => aQuery({ query_text: q })) }));
    expect(created.status).toBe(201);
    expect(created.body.data.queries_total).toBe(100);
    const id = created.body.data.id as string;
    for (const text of texts.slice(100)) {
      const appended = await request(t.http)
        .post(`/api/v1/cases/${id}/queries`)
        .send({ queries: [aQuery({ query_text: text })] });
      expect(appended.status).toBe(201);
    }

    const res = await request(t.http).get(`/api/v1/cases/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.data.queries_total).toBe(105);
    expect(res.body.data.queries.map((q: { query_text: string }) => q.query_text)).toEqual(
      texts.slice(0, 100),
    );

    const changed = await request(t.http)
      .post(`/api/v1/cases/${id}/status`)
      .send({ status: 'in_progress', changed_by: 'lead@example.com' });
    expect(changed.status).toBe(201);
    expect(changed.body.data.queries).toHaveLength(100);
    expect(changed.body.data.queries_total).toBe(105);
  });

  it('answers queries_total 0 and no records for a case without any', async () => {
    const created = await request(t.http)
      .post('/api/v1/cases')
      .send(aCase({ queries: [] }));
    const res = await request(t.http).get(`/api/v1/cases/${created.body.data.id}`);
    expect(res.body.data).toMatchObject({ queries: [], queries_total: 0 });
  });

  it('answers 404 CASE_NOT_FOUND for an unknown id', async () => {
    const res = await request(t.http).get('/api/v1/cases/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      success: false,
      data: null,
      errors: [{ code: 'CASE_NOT_FOUND', message: expect.any(String), field: null }],
    });
  });

  it('answers 422 for a malformed id', async () => {
    const res = await request(t.http).get('/api/v1/cases/not-a-uuid');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { code: 'VALIDATION_ERROR', message: 'id must be a UUID', field: 'id' },
    ]);
  });
});
