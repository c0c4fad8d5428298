import { describe, expect, it } from '@jest/globals';
import type { CaseListCriteria } from '../domain/case-list.js';
import { inMemoryCases } from './in-memory.fixture.js';
import { ListCasesUseCase } from './list-cases.use-case.js';

const criteria = (overrides: Partial<CaseListCriteria> = {}): CaseListCriteria => ({
  page: 1,
  pageSize: 2,
  sortBy: 'title',
  sortOrder: 'asc',
  ...overrides,
});

describe('ListCasesUseCase', () => {
  async function withFiveCases() {
    const slice = inMemoryCases();
    for (const title of ['a', 'b', 'c', 'd', 'e']) await slice.open({ title });
    return new ListCasesUseCase(slice.cases);
  }

  it('answers one page with the total and the number of pages', async () => {
    const list = await withFiveCases();
    const page = await list.execute(criteria({ page: 2 }));
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2, pages: 3 });
    expect(page.items.map((c) => c.title)).toEqual(['c', 'd']);
  });

  it('answers an empty page past the end, with the total', async () => {
    const list = await withFiveCases();
    expect(await list.execute(criteria({ page: 9 }))).toMatchObject({
      items: [],
      total: 5,
      pages: 3,
    });
  });

  it('answers zero pages when nothing matches', async () => {
    const list = await withFiveCases();
    expect(await list.execute(criteria({ search: 'zzz' }))).toMatchObject({ total: 0, pages: 0 });
  });
});
