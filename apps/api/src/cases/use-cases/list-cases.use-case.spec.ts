import { describe, expect, it } from '@jest/globals';
import type { CaseListCriteria } from '../domain/case-list.js';
import { decodeCursor } from '../domain/list-cursor.js';
import { ClientBusyError, ExpensiveListLimiter } from '../expensive-list-limiter.js';
import { inMemoryCases } from './in-memory.fixture.js';
import { CaseListSettings, ListCasesUseCase } from './list-cases.use-case.js';

const criteria = (overrides: Partial<CaseListCriteria> = {}): CaseListCriteria => ({
  page: 1,
  pageSize: 2,
  sortBy: 'title',
  sortOrder: 'asc',
  ...overrides,
});

const newLimiter = () =>
  new ExpensiveListLimiter({ concurrency: 1, perClient: 1, maxWaiting: 10, maxWaitMs: 60_000 });

describe('ListCasesUseCase', () => {
  async function withFiveCases(limiter = newLimiter(), exactTotalMax = 1000) {
    const slice = inMemoryCases();
    for (const title of ['a', 'b', 'c', 'd', 'e']) await slice.open({ title });
    return new ListCasesUseCase(slice.cases, limiter, new CaseListSettings(exactTotalMax));
  }

  it('answers one page with the total and the number of pages', async () => {
    const list = await withFiveCases();
    const page = await list.execute(criteria({ page: 2 }), 'client');
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2, pages: 3 });
    expect(page.items.map((c) => c.title)).toEqual(['c', 'd']);
  });

  it('counts a filtered total up to its bound, then answers the bound as inexact', async () => {
    const list = await withFiveCases(newLimiter(), 3);
    // Created since 1970: all five match, counted one by one.
    const bounded = await list.execute(criteria({ createdFrom: new Date(0) }), 'c');
    expect(bounded).toMatchObject({ total: 3, totalExact: false, pages: 2 });
    expect(bounded.items.map((c) => c.title)).toEqual(['a', 'b']);
    // Up to the bound the count is exact; the counters' totals always are.
    expect(
      await list.execute(criteria({ createdFrom: new Date(0), search: 'c' }), 'c'),
    ).toMatchObject({ total: 1, totalExact: true });
    expect(await list.execute(criteria(), 'c')).toMatchObject({ total: 5, totalExact: true });
  });

  it('walks the pages through next cursors, numbering them, until the last', async () => {
    const list = await withFiveCases();
    const first = await list.execute(criteria(), 'c');
    const second = await list.execute(
      criteria({ after: decodeCursor(first.nextCursor!, criteria()) }),
      'c',
    );
    expect(second).toMatchObject({ page: 2, total: 5 });
    expect(second.items.map((c) => c.title)).toEqual(['c', 'd']);
    const third = await list.execute(
      criteria({ after: decodeCursor(second.nextCursor!, criteria()) }),
      'c',
    );
    expect(third.items.map((c) => c.title)).toEqual(['e']);
    expect(third).toMatchObject({ page: 3, nextCursor: null });
  });

  it('answers an empty page past the end, with the total', async () => {
    const list = await withFiveCases();
    expect(await list.execute(criteria({ page: 9 }), 'client')).toMatchObject({
      items: [],
      total: 5,
      pages: 3,
    });
  });

  it('answers zero pages when nothing matches', async () => {
    const list = await withFiveCases();
    expect(await list.execute(criteria({ search: 'zzz' }), 'client')).toMatchObject({
      total: 0,
      pages: 0,
    });
  });

  it("counts a short search against the client's share of expensive lists, and nothing else", async () => {
    const limiter = newLimiter();
    const list = await withFiveCases(limiter);
    let release!: () => void;
    const held = limiter.run('a', () => new Promise<void>((resolve) => (release = resolve)));

    await expect(list.execute(criteria({ search: 'e' }), 'a')).rejects.toBeInstanceOf(
      ClientBusyError,
    );
    // Lists the index narrows, or without a search, never wait for the limiter.
    expect((await list.execute(criteria(), 'a')).total).toBe(5);
    expect((await list.execute(criteria({ search: 'abc' }), 'a')).total).toBe(0);

    const other = list.execute(criteria({ search: 'e' }), 'b');
    expect(limiter.waiting).toBe(1);
    release();
    await held;
    expect(await other).toMatchObject({ total: 1, items: [{ title: 'e' }] });
  });
});
