import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@app/core';
import { chainEvents, ChainHasher } from '../../audit/domain/hash-chain.js';
import { queryRecorded } from '../domain/case-event.js';
import { CaseNotFoundError } from '../domain/case.errors.js';
import { NewQueryInput, QueryRecord, recordQuery } from '../domain/case.js';
import { CaseMetrics } from '../case-metrics.js';
import { CasesRepository } from '../persistence/cases.repository.js';

/**
 * Appends query records to a case, each with its `query_recorded` event. The request's
 * actor is the case's creator, so records default to being executed by them.
 */
@Injectable()
export class AppendQueriesUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CasesRepository,
    private readonly hasher: ChainHasher,
    private readonly metrics: CaseMetrics,
  ) {}

  async execute(caseId: string, inputs: NewQueryInput[]): Promise<QueryRecord[]> {
    const records = await this.unitOfWork.run(async (tx) => {
      const head = await this.cases.lockHead(tx, caseId);
      if (!head) throw new CaseNotFoundError(caseId);
      const now = new Date();
      const queries = inputs.map((q) => recordQuery(caseId, q, head.createdBy, now));
      const events = chainEvents(
        caseId,
        head,
        queries.map((q) => queryRecorded(q, head.createdBy)),
        this.hasher,
      );
      await this.cases.append(tx, caseId, head, { queries, events, at: now });
      return queries;
    });
    this.metrics.queriesAppended(records.length);
    return records;
  }
}
