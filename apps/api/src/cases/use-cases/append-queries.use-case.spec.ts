import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CaseNotFoundError } from '../domain/case.errors.js';
import { CASE_DETAIL_QUERIES } from '../domain/case.js';
import { aQueryInput, inMemoryCases } from './in-memory.fixture.js';

function setUp() {
  const slice = inMemoryCases();
  return { ...slice, append: slice.appendQueries };
}

describe('AppendQueriesUseCase', () => {
  it("appends records after the existing ones, run by the case's creator unless stated", async () => {
    const { open, append, cases } = setUp();
    const c = await open({ queries: [aQueryInput('select 1')] });

    const records = await append.execute({
      caseId: c.id,
      queries: [aQueryInput('select 2'), { ...aQueryInput('select 3'), executedBy: 'Bo@X.io' }],
      actor: null,
    });

    expect(records.map((r) => [r.caseId, r.executedBy])).toEqual([
      [c.id, 'ana@example.com'],
      [c.id, 'bo@x.io'],
    ]);
    const stored = (await cases.findById(c.id, CASE_DETAIL_QUERIES))!;
    expect(stored.queries.map((q) => q.queryText)).toEqual(['select 1', 'select 2', 'select 3']);
    expect(stored.updatedAt.getTime()).toBeGreaterThanOrEqual(c.updatedAt.getTime());
  });

  it('chains one query_recorded event per record onto the case', async () => {
    const { open, append, cases } = setUp();
    const c = await open({ queries: [aQueryInput()] });
    const records = await append.execute({
      caseId: c.id,
      queries: [aQueryInput(), aQueryInput()],
      actor: null,
    });

    const events = (await cases.history(c.id))!;
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'case_created'],
      [2, 'query_recorded'],
      [3, 'query_recorded'],
      [4, 'query_recorded'],
    ]);
    expect(events[2].prevHash).toBe(events[1].hash);
    expect(events.slice(2).map((e) => e.payload.query_id)).toEqual(records.map((r) => r.id));
  });

  it('reports a missing case, rolls back and counts nothing', async () => {
    const { append, unitOfWork, counter } = setUp();
    await expect(
      append.execute({ caseId: randomUUID(), queries: [aQueryInput()], actor: null }),
    ).rejects.toBeInstanceOf(CaseNotFoundError);
    expect(unitOfWork.rolledBack).toBe(1);
    expect(await counter('case_tracker_queries_recorded_total')).toBe(0);
  });

  it('records the acting caller on the events and as who ran each query unless stated', async () => {
    const { open, append, cases } = setUp();
    const c = await open();
    const records = await append.execute({
      caseId: c.id,
      queries: [aQueryInput(), { ...aQueryInput(), executedBy: 'dba@x.io' }],
      actor: 'bo@example.com',
    });
    expect(records.map((r) => r.executedBy)).toEqual(['bo@example.com', 'dba@x.io']);
    const events = (await cases.history(c.id))!;
    expect(events.slice(1).map((e) => e.actor)).toEqual(['bo@example.com', 'bo@example.com']);
  });

  it('counts the appended records', async () => {
    const { open, append, counter } = setUp();
    const c = await open();
    await append.execute({
      caseId: c.id,
      queries: [aQueryInput(), aQueryInput(), aQueryInput()],
      actor: null,
    });
    expect(await counter('case_tracker_queries_recorded_total')).toBe(3);
  });
});
