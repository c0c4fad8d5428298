import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CaseNotFoundError } from '../domain/case.errors.js';
import { aQueryInput, inMemoryCases } from './in-memory.fixture.js';
import { ListCaseQueriesUseCase } from './list-case-queries.use-case.js';

describe('ListCaseQueriesUseCase', () => {
  async function withFiveRecords() {
    const slice = inMemoryCases();
    const c = await slice.open({ queries: [aQueryInput('q1'), aQueryInput('q2')] });
    await slice.appendQueries.execute({
      caseId: c.id,
      queries: [aQueryInput('q3'), aQueryInput('q4'), aQueryInput('q5')],
      actor: null,
    });
    return { caseId: c.id, list: new ListCaseQueriesUseCase(slice.cases) };
  }

  it('answers one page of records, oldest first, with the total and the number of pages', async () => {
    const { caseId, list } = await withFiveRecords();
    const page = await list.execute(caseId, { page: 2, pageSize: 2 });
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2, pages: 3 });
    expect(page.items.map((q) => q.queryText)).toEqual(['q3', 'q4']);
  });

  it('answers the short last page', async () => {
    const { caseId, list } = await withFiveRecords();
    const page = await list.execute(caseId, { page: 3, pageSize: 2 });
    expect(page.items.map((q) => q.queryText)).toEqual(['q5']);
  });

  it('answers an empty page past the end, with the total', async () => {
    const { caseId, list } = await withFiveRecords();
    expect(await list.execute(caseId, { page: 9, pageSize: 2 })).toMatchObject({
      items: [],
      total: 5,
      pages: 3,
    });
  });

  it('answers zero pages for a case without records', async () => {
    const slice = inMemoryCases();
    const c = await slice.open();
    expect(
      await new ListCaseQueriesUseCase(slice.cases).execute(c.id, { page: 1, pageSize: 50 }),
    ).toMatchObject({ items: [], total: 0, pages: 0 });
  });

  it('reports a missing case', async () => {
    const slice = inMemoryCases();
    await expect(
      new ListCaseQueriesUseCase(slice.cases).execute(randomUUID(), { page: 1, pageSize: 50 }),
    ).rejects.toBeInstanceOf(CaseNotFoundError);
  });
});
