import { Injectable } from '@nestjs/common';
import { Transaction, UnitOfWork } from '@app/core';
import { chainEvents, ChainHasher } from '../../audit/domain/hash-chain.js';
import { SqlAnalyzer } from '../../analysis/domain/query-analysis.js';
import { queryRecorded } from '../domain/case-event.js';
import { CaseNotFoundError } from '../domain/case.errors.js';
import {
  analyzeInputs,
  NewQueryInput,
  recordQuery,
  StoredQueryRecord,
  withFingerprintCases,
} from '../domain/case.js';
import { CaseMetrics } from '../case-metrics.js';
import { CasesRepository } from '../persistence/cases.repository.js';

export interface AppendQueriesCommand {
  caseId: string;
  queries: NewQueryInput[];
  /**
   * Who appends: the verified caller. Null when requests are not authenticated; the case's
   * creator then stands in, as before authentication existed.
   */
  actor: string | null;
}

/**
 * Appends query records to a case, each with its `query_recorded` event under the actor,
 * who is also who ran each query unless a record says otherwise.
 */
@Injectable()
export class AppendQueriesUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CasesRepository,
    private readonly hasher: ChainHasher,
    private readonly metrics: CaseMetrics,
    private readonly analyzer: SqlAnalyzer,
  ) {}

  async execute(command: AppendQueriesCommand, within?: Transaction): Promise<StoredQueryRecord[]> {
    const { caseId } = command;
    const analyses = await analyzeInputs(command.queries, this.analyzer);
    return this.unitOfWork.run(async (tx) => {
      const head = await this.cases.lockHead(tx, caseId);
      if (!head) throw new CaseNotFoundError(caseId);
      const actor = command.actor ?? head.createdBy;
      const now = new Date();
      const queries = command.queries.map((q, i) => ({
        ...recordQuery(caseId, q, actor, now),
        analysis: analyses[i],
      }));
      const events = chainEvents(
        caseId,
        head,
        queries.map((q) => queryRecorded(q, actor)),
        this.hasher,
      );
      const counts = await this.cases.append(tx, caseId, head, { queries, events, at: now });
      tx.afterCommit(() => this.metrics.queriesAppended(queries.length));
      return withFingerprintCases(queries, counts);
    }, within);
  }
}
