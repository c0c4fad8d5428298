import { Injectable } from '@nestjs/common';
import { Transaction, UnitOfWork } from '@app/core';
import { chainEvents, ChainHasher } from '../../audit/domain/hash-chain.js';
import { statusChanged } from '../domain/case-event.js';
import { CaseStatus, canTransition } from '../domain/case-status.js';
import { CaseNotFoundError, InvalidStatusTransitionError } from '../domain/case.errors.js';
import { CASE_DETAIL_QUERIES, CaseWithQueries } from '../domain/case.js';
import { CaseMetrics } from '../case-metrics.js';
import { CasesRepository } from '../persistence/cases.repository.js';

export interface ChangeStatusCommand {
  caseId: string;
  to: CaseStatus;
  /** The request's actor: the verified caller, or the body's claim without one. */
  changedBy: string;
  note: string | null;
}

/**
 * Moves a case along the status lifecycle. The case row is locked while the transition is
 * checked, so of several concurrent changes from the same state exactly one wins.
 */
@Injectable()
export class ChangeStatusUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CasesRepository,
    private readonly hasher: ChainHasher,
    private readonly metrics: CaseMetrics,
  ) {}

  async execute(command: ChangeStatusCommand, within?: Transaction): Promise<CaseWithQueries> {
    const { caseId, to } = command;
    return this.unitOfWork.run(async (tx) => {
      const head = await this.cases.lockHead(tx, caseId);
      if (!head) throw new CaseNotFoundError(caseId);
      if (!canTransition(head.status, to)) throw new InvalidStatusTransitionError(head.status, to);
      const now = new Date();
      const events = chainEvents(
        caseId,
        head,
        [statusChanged(head.status, to, command.note, command.changedBy, now)],
        this.hasher,
      );
      await this.cases.append(tx, caseId, head, { queries: [], events, status: to, at: now });
      // Read in the transaction: the answer is the case exactly as this change left it.
      const updated = await this.cases.findById(caseId, CASE_DETAIL_QUERIES, tx);
      if (!updated) throw new CaseNotFoundError(caseId);
      tx.afterCommit(() => this.metrics.statusChanged(head.status, to));
      return updated;
    }, within);
  }
}
