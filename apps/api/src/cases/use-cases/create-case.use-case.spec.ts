import { describe, expect, it } from '@jest/globals';
import { ChainHasher } from '../../audit/domain/hash-chain.js';
import { CASE_DETAIL_QUERIES } from '../domain/case.js';
import { aQueryInput, inMemoryCases } from './in-memory.fixture.js';

describe('CreateCaseUseCase', () => {
  it('opens the case with its records and a chain of case_created then query_recorded', async () => {
    const slice = inMemoryCases();
    const created = await slice.open({
      title: '  Extract ',
      createdBy: ' Ana@Example.com ',
      queries: [aQueryInput('select 1'), aQueryInput('select 2')],
    });

    expect(created).toMatchObject({
      title: 'Extract',
      status: 'open',
      createdBy: 'ana@example.com',
    });
    expect(created.queries.map((q) => [q.queryText, q.executedBy])).toEqual([
      ['select 1', 'ana@example.com'],
      ['select 2', 'ana@example.com'],
    ]);
    const events = (await slice.cases.history(created.id))!;
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'case_created'],
      [2, 'query_recorded'],
      [3, 'query_recorded'],
    ]);
    expect(events[0].prevHash).toBeNull();
    expect(events[2].prevHash).toBe(events[1].hash);
    expect(events.every((e) => e.hash === new ChainHasher().hash(e))).toBe(true);
    expect(slice.unitOfWork.committed).toBe(1);
  });

  it('counts a case only once the transaction it joined has committed', async () => {
    const slice = inMemoryCases();
    const command = {
      title: 'joined',
      description: null,
      caseType: 'support' as const,
      priority: 'high' as const,
      createdBy: 'ana@example.com',
      queries: [],
    };
    await expect(
      slice.unitOfWork.run(async (tx) => {
        await slice.createCase.execute(command, tx);
        expect(await slice.counter('case_tracker_cases_created_total')).toBe(0);
        throw new Error('the larger unit fails after the write');
      }),
    ).rejects.toThrow('the larger unit fails');
    expect(await slice.counter('case_tracker_cases_created_total')).toBe(0);

    await slice.unitOfWork.run((tx) => slice.createCase.execute(command, tx));
    expect(await slice.counter('case_tracker_cases_created_total')).toBe(1);
  });

  it('answers what a later read returns', async () => {
    const slice = inMemoryCases();
    const created = await slice.open({ queries: [aQueryInput()] });
    expect(await slice.cases.findById(created.id, CASE_DETAIL_QUERIES)).toEqual(created);
  });

  it('counts the case by type and priority and its records', async () => {
    const slice = inMemoryCases();
    await slice.open({ priority: 'low', queries: [aQueryInput(), aQueryInput()] });
    expect(
      await slice.counter('case_tracker_cases_created_total', {
        case_type: 'support',
        priority: 'low',
      }),
    ).toBe(1);
    expect(await slice.counter('case_tracker_queries_recorded_total')).toBe(2);
  });
});
