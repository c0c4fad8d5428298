import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@app/core';
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

  async execute(command: ChangeStatusCommand): Promise<CaseWithQueries> {
    const { caseId, to } = command;
    const from = await this.unitOfWork.run(async (tx) => {
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
      return head.status;
    });
    this.metrics.statusChanged(from, to);
    const updated = await this.cases.findById(caseId, CASE_DETAIL_QUERIES);
    if (!updated) throw new CaseNotFoundError(caseId);
    return updated;
  }
}
