import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

interface Item {
  id: string;
  title: string;
  status: string;
  priority: string;
  case_type: string;
  created_by: string;
  created_at: string;
  queries_count: number;
}

describe('GET /api/v1/cases', () => {
  let t: TestApp;
  const created: Item[] = [];

  const seed = async (overrides: Record<string, unknown>) => {
    const res = await request(t.http).post('/api/v1/cases').send(aCase(overrides));
    expect(res.status).toBe(201);
    created.push(res.body.data);
    return res.body.data as Item;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await seed({
      title: 'Alpha 100% done',
      priority: 'low',
      case_type: 'support',
      created_by: 'ana@example.com',
    });
    await seed({
      title: 'Beta under_score',
      priority: 'critical',
      case_type: 'requirement',
      created_by: 'bob@example.com',
      queries: [],
    });
    await seed({
      title: 'Gamma back\\slash',
      priority: 'medium',
      case_type: 'investigation',
      created_by: 'ana@example.com',
    });
    await seed({
      title: 'Delta',
      description: 'Needle in the DESCRIPTION',
      priority: 'high',
      case_type: 'support',
      created_by: 'carol@example.com',
    });
    await seed({
      title: 'Epsilon',
      priority: 'high',
      case_type: 'support',
      created_by: 'ana@example.com',
      queries: [aQuery(), aQuery()],
    });
    // Give two cases a status other than open.
    for (const [title, status] of [
      ['Delta', 'in_progress'],
      ['Beta under_score', 'closed'],
    ]) {
      const { id } = created.find((c) => c.title === title)!;
      const res = await request(t.http)
        .post(`/api/v1/cases/${id}/status`)
        .send({ status, changed_by: 'lead@example.com' });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (query: Record<string, string | number>) =>
    request(t.http).get('/api/v1/cases').query(query);
  const titles = (res: request.Response) => res.body.data.items.map((i: Item) => i.title);

  it('answers the first page, newest first, with paging data and queries_count', async () => {
    const res = await list({});
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.data).toMatchObject({ total: 5, page: 1, page_size: 10, pages: 1 });
    expect(titles(res)[0]).toBe('Epsilon');
    const epsilon = res.body.data.items[0];
    expect(epsilon.queries_count).toBe(2);
    expect(epsilon.queries).toBeUndefined();
    expect(
      res.body.data.items.find((i: Item) => i.title === 'Beta under_score').queries_count,
    ).toBe(0);
  });

  it.each([
    [{ status: 'in_progress' }, ['Delta']],
    [{ priority: 'high' }, ['Epsilon', 'Delta']],
    [{ case_type: 'support' }, ['Epsilon', 'Delta', 'Alpha 100% done']],
    [{ created_by: 'ANA@example.com' }, ['Epsilon', 'Gamma back\\slash', 'Alpha 100% done']],
    [{ search: 'needle in the description' }, ['Delta']],
    [{ search: '100%' }, ['Alpha 100% done']],
    [{ search: '%' }, ['Alpha 100% done']],
    [{ search: '_' }, ['Beta under_score']],
    [{ search: '\\' }, ['Gamma back\\slash']],
    [{ search: 'ALPHA' }, ['Alpha 100% done']],
    // Title and description are searched each on its own, never across the joint.
    [{ search: 'Delta\nNeedle' }, []],
    [{ priority: 'high', case_type: 'support', search: 'e' }, ['Epsilon', 'Delta']],
  ])('filters by %j', async (query, expected) => {
    const res = await list(query);
    expect(res.status).toBe(200);
    expect(titles(res)).toEqual(expected);
    expect(res.body.data.total).toBe(expected.length);
  });

  it('sorts priority and status by meaning, not alphabetically', async () => {
    const byPriority = await list({ sort_by: 'priority', sort_order: 'asc' });
    expect(byPriority.body.data.items.map((i: Item) => i.priority)).toEqual([
      'low',
      'medium',
      'high',
      'high',
      'critical',
    ]);
    const byStatus = await list({ sort_by: 'status', sort_order: 'desc' });
    expect(byStatus.body.data.items.map((i: Item) => i.status)).toEqual([
      'closed',
      'in_progress',
      'open',
      'open',
      'open',
    ]);
  });

  it.each(['created_at', 'updated_at', 'case_type', 'created_by', 'title'])(
    'sorts by %s in both directions, ties broken by id',
    async (sortBy) => {
      const asc = await list({ sort_by: sortBy, sort_order: 'asc' });
      const desc = await list({ sort_by: sortBy, sort_order: 'desc' });
      expect(asc.status).toBe(200);
      const key = (i: Item) => `${String(i[sortBy as keyof Item])}|${i.id}`;
      const ascKeys = asc.body.data.items.map(key);
      expect(ascKeys).toEqual([...ascKeys].sort());
      expect(desc.body.data.items.map((i: Item) => i.id)).toEqual(
        asc.body.data.items.map((i: Item) => i.id).reverse(),
      );
    },
  );

  it('pages through every row exactly once', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const res = await list({ page, page_size: 2, sort_by: 'priority' });
      expect(res.body.data).toMatchObject({ total: 5, page, page_size: 2, pages: 3 });
      seen.push(...res.body.data.items.map((i: Item) => i.id));
    }
    expect(new Set(seen).size).toBe(5);
  });

  it('answers an empty page past the end with the right total', async () => {
    const res = await list({ page: 9, page_size: 2 });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      items: [],
      total: 5,
      total_exact: true,
      page: 9,
      page_size: 2,
      pages: 3,
      next_cursor: null,
    });
  });

  it('filters on created_at inclusively with a value read from the API', async () => {
    const gamma = created.find((c) => c.title.startsWith('Gamma'))!;
    const exact = await list({ date_gte: gamma.created_at, date_lte: gamma.created_at });
    expect(titles(exact)).toEqual(['Gamma back\\slash']);

    const after = await list({ date_gte: gamma.created_at, sort_order: 'asc' });
    expect(titles(after)[0]).toBe('Gamma back\\slash');

    const day = gamma.created_at.slice(0, 10);
    const wholeDay = await list({ date_gte: day, date_lte: day });
    expect(wholeDay.body.data.total).toBe(5);
  });

  it.each([
    [{ page: 0 }, 'page'],
    [{ page: 'abc' }, 'page'],
    [{ page_size: 51 }, 'page_size'],
    [{ page_size: 0 }, 'page_size'],
    [{ status: 'done' }, 'status'],
    [{ priority: 'urgent' }, 'priority'],
    [{ case_type: 'bug' }, 'case_type'],
    [{ sort_by: 'id' }, 'sort_by'],
    [{ sort_by: 'title; drop table support_cases' }, 'sort_by'],
    [{ sort_order: 'up' }, 'sort_order'],
    [{ date_gte: 'yesterday' }, 'date_gte'],
    [{ date_lte: '2025-13-45' }, 'date_lte'],
    [{ created_by: 'nobody' }, 'created_by'],
    [{ colour: 'red' }, 'colour'],
  ])('rejects %j with 422 on that parameter', async (query, field) => {
    const res = await list(query as Record<string, string | number>);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ success: false, data: null });
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ code: 'VALIDATION_ERROR', field }),
    );
  });
});
