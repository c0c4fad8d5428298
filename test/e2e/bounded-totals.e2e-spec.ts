import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

/**
 * LIST_EXACT_TOTAL_MAX: a total counted row by row stops past the bound and says so;
 * totals the counters answer stay exact at any size.
 */
describe('GET /api/v1/cases totals past LIST_EXACT_TOTAL_MAX', () => {
  let t: TestApp;
  const list = async (query: string) => {
    const res = await request(t.http).get(`/api/v1/cases?${query}`);
    expect([query, res.status]).toEqual([query, 200]);
    return res.body.data as {
      items: { title: string }[];
      total: number;
      total_exact: boolean;
      pages: number;
    };
  };

  beforeAll(async () => {
    t = await startTestApp({ LIST_EXACT_TOTAL_MAX: '3' });
    for (let i = 1; i <= 5; i += 1) {
      await request(t.http)
        .post('/api/v1/cases')
        .send(
          aCase({
            title: `Invoice stuck ${i}`,
            priority: 'high',
            queries: [aQuery({ query_text: `SELECT * FROM public.bounded_t WHERE k = ${i}` })],
          }),
        )
        .expect(201);
    }
    await request(t.http)
      .post('/api/v1/cases')
      .send(aCase({ title: 'Unrelated', priority: 'low' }))
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the bound as a lower bound when more rows match', async () => {
    const page = await list('search=invoice&page_size=2');
    expect(page).toMatchObject({ total: 3, total_exact: false, pages: 2 });
    expect(page.items).toHaveLength(2);
    // Paging goes on past the bound: the rows are there, only the count stopped.
    const beyond = await list('search=invoice&page_size=2&page=3');
    expect(beyond.items.map((c) => c.title)).toEqual(['Invoice stuck 1']);
    expect(beyond.total_exact).toBe(false);
  });

  it('counts exactly up to the bound', async () => {
    expect(await list('search=stuck 2')).toMatchObject({ total: 1, total_exact: true });
    expect(await list('search=nothing like it')).toMatchObject({
      total: 0,
      total_exact: true,
      pages: 0,
    });
  });

  it('keeps totals from the counters exact at any size', async () => {
    expect(await list('')).toMatchObject({ total: 6, total_exact: true });
    expect(await list('priority=high')).toMatchObject({ total: 5, total_exact: true });
    expect(await list('table=public.bounded_t')).toMatchObject({ total: 5, total_exact: true });
    // With a filter beside it, the table's counter no longer answers: counted, bounded.
    expect(await list('table=public.bounded_t&priority=high')).toMatchObject({
      total: 3,
      total_exact: false,
    });
  });
});
