import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CaseNotFoundError } from '../domain/case.errors.js';
import { CASE_DETAIL_QUERIES } from '../domain/case.js';
import { GetCaseUseCase } from './get-case.use-case.js';
import { GetHistoryUseCase } from './get-history.use-case.js';
import { aQueryInput, inMemoryCases } from './in-memory.fixture.js';

describe('GetCaseUseCase', () => {
  it('answers the case with its records in the order they were recorded', async () => {
    const slice = inMemoryCases();
    const c = await slice.open({ queries: [aQueryInput('a'), aQueryInput('b')] });
    const found = await new GetCaseUseCase(slice.cases).execute(c.id);
    expect(found.queries.map((q) => q.queryText)).toEqual(['a', 'b']);
    expect(found.queriesTotal).toBe(2);
  });

  it('answers only the oldest records up to the cap, with the total of all', async () => {
    const slice = inMemoryCases();
    const texts = Array.from({ length: CASE_DETAIL_QUERIES + 3 }, (_, i) => `q${i + 1}`);
    const c = await slice.open({
      queries: texts.slice(0, CASE_DETAIL_QUERIES).map((t) => aQueryInput(t)),
    });
    await slice.appendQueries.execute({
      caseId: c.id,
      queries: texts.slice(CASE_DETAIL_QUERIES).map((t) => aQueryInput(t)),
      actor: null,
    });
    const found = await new GetCaseUseCase(slice.cases).execute(c.id);
    expect(found.queries.map((q) => q.queryText)).toEqual(texts.slice(0, CASE_DETAIL_QUERIES));
    expect(found.queriesTotal).toBe(CASE_DETAIL_QUERIES + 3);
  });

  it('reports a missing case', async () => {
    const slice = inMemoryCases();
    await expect(new GetCaseUseCase(slice.cases).execute(randomUUID())).rejects.toBeInstanceOf(
      CaseNotFoundError,
    );
  });
});

describe('GetHistoryUseCase', () => {
  it("answers the case's events, oldest first", async () => {
    const slice = inMemoryCases();
    const c = await slice.open({ queries: [aQueryInput()] });
    const events = await new GetHistoryUseCase(slice.cases).execute(c.id);
    expect(events.map((e) => e.type)).toEqual(['case_created', 'query_recorded']);
  });

  it('reports a missing case', async () => {
    const slice = inMemoryCases();
    await expect(new GetHistoryUseCase(slice.cases).execute(randomUUID())).rejects.toBeInstanceOf(
      CaseNotFoundError,
    );
  });
});
