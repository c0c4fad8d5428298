import { describe, expect, it } from '@jest/globals';
import { Metrics } from '@app/core';
import type { Database, Tx } from '@app/database';
import { CaseMetrics } from '../case-metrics.js';
import { CaseNotFoundError, InvalidStatusTransitionError } from '../domain/case.errors.js';
import type { CaseWithQueries } from '../domain/case.js';
import { CaseChanges, CaseHead, CasesRepository } from '../persistence/cases.repository.js';
import { ChangeStatusUseCase } from './change-status.use-case.js';

/** Just enough of a repository for one case, in memory. */
class OneCaseRepository implements Partial<CasesRepository> {
  appended: CaseChanges[] = [];
  constructor(
    public row: CaseWithQueries | null,
    public head: CaseHead | null,
  ) {}
  async lockHead(): Promise<CaseHead | null> {
    return this.head;
  }
  async append(_tx: Tx, _id: string, _head: CaseHead, changes: CaseChanges): Promise<void> {
    this.appended.push(changes);
    if (this.row && changes.status) this.row = { ...this.row, status: changes.status };
  }
  async findById(): Promise<CaseWithQueries | null> {
    return this.row;
  }
}

const inlineDb = {
  transaction: (work: (tx: Tx) => Promise<unknown>) => work({} as Tx),
} as unknown as Database;

function setup(status: CaseHead['status'] | null) {
  const row = status
    ? ({
        id: 'c1',
        status,
        queries: [],
        createdBy: 'ana@example.com',
      } as unknown as CaseWithQueries)
    : null;
  const head = status
    ? {
        status,
        createdBy: 'ana@example.com',
        queriesCount: 0,
        eventsCount: 2,
        lastHash: 'f'.repeat(64),
      }
    : null;
  const repo = new OneCaseRepository(row, head);
  const useCase = new ChangeStatusUseCase(
    inlineDb,
    repo as unknown as CasesRepository,
    new CaseMetrics(new Metrics()),
  );
  return { repo, useCase };
}

describe('ChangeStatusUseCase', () => {
  it('appends one chained status_changed event and moves the status', async () => {
    const { repo, useCase } = setup('open');
    const updated = await useCase.execute({
      caseId: 'c1',
      to: 'in_progress',
      changedBy: 'Lead@X.io',
      note: 'go',
    });

    expect(updated.status).toBe('in_progress');
    expect(repo.appended).toHaveLength(1);
    const [event] = repo.appended[0].events;
    expect(event).toMatchObject({
      type: 'status_changed',
      actor: 'lead@x.io',
      seq: 3,
      prevHash: 'f'.repeat(64),
      payload: { from: 'open', to: 'in_progress', note: 'go' },
    });
  });

  it('refuses a transition outside the table and appends nothing', async () => {
    const { repo, useCase } = setup('closed');
    await expect(
      useCase.execute({ caseId: 'c1', to: 'open', changedBy: 'a@b.co', note: null }),
    ).rejects.toBeInstanceOf(InvalidStatusTransitionError);
    expect(repo.appended).toEqual([]);
  });

  it('reports a missing case', async () => {
    const { useCase } = setup(null);
    await expect(
      useCase.execute({ caseId: 'nope', to: 'closed', changedBy: 'a@b.co', note: null }),
    ).rejects.toBeInstanceOf(CaseNotFoundError);
  });
});
