import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CaseNotFoundError } from '../domain/case.errors.js';
import { GetCaseUseCase } from './get-case.use-case.js';
import { GetHistoryUseCase } from './get-history.use-case.js';
import { aQueryInput, inMemoryCases } from './in-memory.fixture.js';

describe('GetCaseUseCase', () => {
  it('answers the case with its records in the order they were recorded', async () => {
    const slice = inMemoryCases();
    const c = await slice.open({ queries: [aQueryInput('a'), aQueryInput('b')] });
    const found = await new GetCaseUseCase(slice.cases).execute(c.id);
    expect(found.queries.map((q) => q.queryText)).toEqual(['a', 'b']);
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
