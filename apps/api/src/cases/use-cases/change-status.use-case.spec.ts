import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CaseNotFoundError, InvalidStatusTransitionError } from '../domain/case.errors.js';
import { CASE_DETAIL_QUERIES } from '../domain/case.js';
import { inMemoryCases } from './in-memory.fixture.js';

function setUp() {
  return inMemoryCases();
}

describe('ChangeStatusUseCase', () => {
  it('appends one chained status_changed event and answers the case as read back', async () => {
    const { open, changeStatus, cases, counter } = setUp();
    const c = await open();

    const updated = await changeStatus.execute({
      caseId: c.id,
      to: 'in_progress',
      changedBy: ' Lead@X.io',
      note: 'go',
    });

    expect(updated).toEqual(await cases.findById(c.id, CASE_DETAIL_QUERIES));
    expect(updated.status).toBe('in_progress');
    const events = (await cases.history(c.id))!;
    expect(events.at(-1)).toMatchObject({
      type: 'status_changed',
      actor: 'lead@x.io',
      seq: 2,
      prevHash: events[0].hash,
      payload: { from: 'open', to: 'in_progress', note: 'go' },
    });
    expect(
      await counter('case_tracker_status_changes_total', { from: 'open', to: 'in_progress' }),
    ).toBe(1);
  });

  it('refuses a transition outside the table, rolls back and appends nothing', async () => {
    const { open, changeStatus, cases, unitOfWork } = setUp();
    const c = await open();
    await changeStatus.execute({ caseId: c.id, to: 'closed', changedBy: 'a@b.co', note: null });

    await expect(
      changeStatus.execute({ caseId: c.id, to: 'open', changedBy: 'a@b.co', note: null }),
    ).rejects.toBeInstanceOf(InvalidStatusTransitionError);
    expect(unitOfWork.rolledBack).toBe(1);
    expect((await cases.history(c.id))!.map((e) => e.type)).toEqual([
      'case_created',
      'status_changed',
    ]);
  });

  it('reports a missing case', async () => {
    const { changeStatus } = setUp();
    await expect(
      changeStatus.execute({ caseId: randomUUID(), to: 'closed', changedBy: 'a@b.co', note: null }),
    ).rejects.toBeInstanceOf(CaseNotFoundError);
  });
});
