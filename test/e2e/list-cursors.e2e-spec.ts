import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';
import { CASE_SORT_FIELDS } from '../../apps/api/src/cases/domain/case-list.js';

interface ListPage {
  items: { id: string; title: string; priority: string }[];
  total: number;
  page: number;
  pages: number;
  next_cursor: string | null;
}

/**
 * Keyset paging: `next_cursor` walks every sort and filter in the order offset pages give,
 * and a cursor that was changed or is sent with another list is refused.
 */
describe('GET /api/v1/cases with cursors', () => {
  let t: TestApp;

  const get = (query: string) => request(t.http).get(`/api/v1/cases?${query}`);
  const list = async (query: string): Promise<ListPage> => {
    const res = await get(query);
    expect([query, res.status, res.body.errors]).toEqual([query, 200, []]);
    return res.body.data as ListPage;
  };
  /** Every page through cursors, from the first (an offset page) to the one without a next. */
  const walk = async (query: string, pageSize: number) => {
    const pages: ListPage[] = [await list(`${query}&page_size=${pageSize}`)];
    while (pages.at(-1)!.next_cursor) {
      const cursor = encodeURIComponent(pages.at(-1)!.next_cursor!);
      pages.push(await list(`${query}&page_size=${pageSize}&cursor=${cursor}`));
      expect(pages.length).toBeLessThan(50);
    }
    return pages;
  };
  const refusal = async (query: string) => {
    const res = await get(query);
    expect(res.status).toBe(422);
    expect(res.body.success).toBe(false);
    expect(res.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field: 'cursor' });
    return res.body.errors[0].message as string;
  };
  const firstCursor = async (query: string) => (await list(`${query}&page_size=2`)).next_cursor!;

  beforeAll(async () => {
    t = await startTestApp();
    const priorities = ['low', 'medium', 'high', 'critical'];
    const types = ['support', 'requirement', 'investigation'];
    for (let i = 0; i < 14; i += 1) {
      const res = await request(t.http)
        .post('/api/v1/cases')
        .send(
          aCase({
            // Repeated titles, priorities, types and authors: ties the id has to break.
            title: `Case ${i % 4}`,
            priority: priorities[i % 4],
            case_type: types[i % 3],
            created_by: `user${i % 3}@example.com`,
            queries: [
              aQuery({ query_text: `SELECT * FROM public.cursor_t${i % 2} WHERE k = ${i}` }),
            ],
          }),
        )
        .expect(201);
      if (i % 3 === 0) {
        await request(t.http)
          .post(`/api/v1/cases/${res.body.data.id}/status`)
          .send({ status: 'in_progress', changed_by: 'lead@example.com' })
          .expect(201);
      }
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(CASE_SORT_FIELDS.flatMap((sort) => [`${sort}:asc`, `${sort}:desc`]))(
    'walks sort %s in the order of offset pages, numbering them',
    async (sortAndOrder) => {
      const [sort, order] = sortAndOrder.split(':');
      const query = `sort_by=${sort}&sort_order=${order}`;
      const all = await list(`${query}&page_size=50`);
      expect(all.next_cursor).toBeNull();
      const pages = await walk(query, 3);
      expect(pages.flatMap((p) => p.items.map((c) => c.id))).toEqual(all.items.map((c) => c.id));
      expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5]);
      expect(pages.at(-1)!.items).toHaveLength(2);
      expect(pages.every((p) => p.total === 14 && p.pages === 5)).toBe(true);
    },
  );

  it('walks a filtered list, and an offset page gives a cursor to the page after it', async () => {
    const query = 'priority=high&table=public.cursor_t0&sort_by=title';
    const all = await list(`${query}&page_size=50`);
    expect(all.items.length).toBeGreaterThan(1);
    const pages = await walk(query, 1);
    expect(pages.flatMap((p) => p.items.map((c) => c.id))).toEqual(all.items.map((c) => c.id));

    const second = await list('page=2&page_size=4');
    const third = await list(`page_size=4&cursor=${encodeURIComponent(second.next_cursor!)}`);
    expect(third.page).toBe(3);
    expect(third.items.map((c) => c.id)).toEqual(
      (await list('page=3&page_size=4')).items.map((c) => c.id),
    );
  });

  it('lets the page size change along the walk', async () => {
    const first = await list('page_size=4');
    const next = await list(`page_size=2&cursor=${encodeURIComponent(first.next_cursor!)}`);
    expect(next.items.map((c) => c.id)).toEqual(
      (await list('page=3&page_size=2')).items.map((c) => c.id),
    );
    expect(next.page).toBe(3);
  });

  it('gives no cursor on the last page, nor on an empty list', async () => {
    expect((await list('page_size=14')).next_cursor).toBeNull();
    expect((await list('page=9')).next_cursor).toBeNull();
    expect((await list('search=nothing%20like%20it')).next_cursor).toBeNull();
  });

  it('refuses a cursor that was changed', async () => {
    const cursor = await firstCursor('sort_by=title');
    const [body, check] = cursor.split('.');
    const flipped = body.slice(0, -1) + (body.endsWith('A') ? 'B' : 'A');
    for (const bad of [`${flipped}.${check}`, body, `${body}.`, `${cursor}x`, 'x', `${cursor}.x`]) {
      expect(await refusal(`sort_by=title&cursor=${encodeURIComponent(bad)}`)).toMatch(
        /not one this service issued/,
      );
    }
  });

  it('refuses a cursor sent with other filters or another sort', async () => {
    const cursor = encodeURIComponent(await firstCursor('priority=high&sort_by=title'));
    for (const other of [
      'priority=low&sort_by=title',
      'sort_by=title',
      'priority=high&sort_by=title&sort_order=asc',
      'priority=high',
      'priority=high&sort_by=title&search=case',
      'priority=high&sort_by=title&table=public.cursor_t0',
      'priority=high&sort_by=title&date_gte=2020-01-01',
    ]) {
      expect(await refusal(`${other}&cursor=${cursor}`)).toMatch(/other filters or another sort/);
    }
    // The same list, parameters in another order and page_size changed: accepted.
    await list(`sort_by=title&page_size=7&priority=high&cursor=${cursor}`);
  });

  it('refuses a cursor beside page, and an empty or oversized one', async () => {
    const cursor = encodeURIComponent(await firstCursor(''));
    expect(await refusal(`page=2&cursor=${cursor}`)).toMatch(/either page or cursor/);
    await refusal('cursor=');
    await refusal(`cursor=${'a'.repeat(2049)}`);
  });
});
