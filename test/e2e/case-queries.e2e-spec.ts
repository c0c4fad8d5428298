import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

interface QueryItem {
  id: string;
  case_id: string;
  query_text: string;
}

describe('GET /api/v1/cases/{id}/queries', () => {
  let t: TestApp;
  let caseId: string;
  const texts = Array.from({ length: 107 }, (_, i) => `SELECT ${i + 1}`);

  beforeAll(async () => {
    t = await startTestApp();
    const created = await request(t.http)
      .post('/api/v1/cases')
      .send(aCase({ queries: texts.slice(0, 100).map((q) => aQuery({ query_text: q })) }));
    expect(created.status).toBe(201);
    caseId = created.body.data.id;
    for (const batch of [texts.slice(100, 103), texts.slice(103)]) {
      const appended = await request(t.http)
        .post(`/api/v1/cases/${caseId}/queries`)
        .send({ queries: batch.map((q) => aQuery({ query_text: q })) });
      expect(appended.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const page = (id: string, query: { [name: string]: string | number } = {}) =>
    request(t.http).get(`/api/v1/cases/${id}/queries`).query(query);
  const queryTexts = (res: request.Response) =>
    res.body.data.items.map((q: QueryItem) => q.query_text);

  it('answers the first 50 records, oldest first, in the envelope with paging data', async () => {
    const res = await page(caseId);
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.errors).toEqual([]);
    expect(res.body.data).toMatchObject({ total: 107, page: 1, page_size: 50, pages: 3 });
    expect(queryTexts(res)).toEqual(texts.slice(0, 50));
    expect(res.body.data.items[0]).toMatchObject({ case_id: caseId, database_name: 'sales_db' });
  });

  it('answers the records the way the case detail shows them', async () => {
    const detail = await request(t.http).get(`/api/v1/cases/${caseId}`);
    const first = await page(caseId, { page_size: 100 });
    expect(first.body.data.items).toEqual(detail.body.data.queries);
    expect(first.body.data.total).toBe(detail.body.data.queries_total);
  });

  it('walks every record exactly once, in order', async () => {
    const seen: QueryItem[] = [];
    for (let n = 1; n <= 5; n += 1) {
      const res = await page(caseId, { page: n, page_size: 25 });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ total: 107, page: n, page_size: 25, pages: 5 });
      seen.push(...res.body.data.items);
    }
    expect(seen.map((q) => q.query_text)).toEqual(texts);
    expect(new Set(seen.map((q) => q.id)).size).toBe(107);
  });

  it('answers the short last page and an empty page past the end', async () => {
    expect(queryTexts(await page(caseId, { page: 3, page_size: 50 }))).toEqual(texts.slice(100));
    const past = await page(caseId, { page: 1_000_000, page_size: 100 });
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual({
      items: [],
      total: 107,
      page: 1_000_000,
      page_size: 100,
      pages: 2,
    });
  });

  it('answers an empty first page for a case without records', async () => {
    const created = await request(t.http)
      .post('/api/v1/cases')
      .send(aCase({ queries: [] }));
    const res = await page(created.body.data.id);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ items: [], total: 0, page: 1, page_size: 50, pages: 0 });
  });

  it('answers 404 CASE_NOT_FOUND for an unknown case', async () => {
    const res = await page('00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      success: false,
      data: null,
      errors: [{ code: 'CASE_NOT_FOUND', message: expect.any(String), field: null }],
    });
  });

  it('answers 422 for a malformed id', async () => {
    const res = await page('not-a-uuid');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { code: 'VALIDATION_ERROR', message: 'id must be a UUID', field: 'id' },
    ]);
  });

  it.each([
    [{ page: 0 }, 'page'],
    [{ page: -1 }, 'page'],
    [{ page: 'abc' }, 'page'],
    [{ page: 1.5 }, 'page'],
    [{ page: 1_000_001 }, 'page'],
    [{ page_size: 0 }, 'page_size'],
    [{ page_size: 101 }, 'page_size'],
    [{ page_size: 'all' }, 'page_size'],
    [{ sort_by: 'position' }, 'sort_by'],
  ])('rejects %j with 422 on that parameter', async (query, field) => {
    const res = await page(caseId, query);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ success: false, data: null });
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ code: 'VALIDATION_ERROR', field }),
    );
  });
});
