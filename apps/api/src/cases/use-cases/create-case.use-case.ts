import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Transaction, UnitOfWork } from '@app/core';
import { chainEvents, ChainHasher, EMPTY_CHAIN } from '../../audit/domain/hash-chain.js';
import { caseCreated, queryRecorded } from '../domain/case-event.js';
import { SqlAnalyzer } from '../../analysis/domain/query-analysis.js';
import {
  analyzeInputs,
  CASE_DETAIL_QUERIES,
  CaseWithQueries,
  NewCaseInput,
  NewQueryInput,
  openCase,
  recordQuery,
  withFingerprintCases,
} from '../domain/case.js';
import { CaseMetrics } from '../case-metrics.js';
import { CasesRepository } from '../persistence/cases.repository.js';

/** `createdBy` is the request's actor: the verified caller, or the body's claim without one. */
export interface CreateCaseCommand extends NewCaseInput {
  queries: NewQueryInput[];
}

/**
 * Opens a case with its first query records; the case, records and events commit together
 * (in `within` when given: see {@link UnitOfWork}).
 */
@Injectable()
export class CreateCaseUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CasesRepository,
    private readonly hasher: ChainHasher,
    private readonly logger: PinoLogger,
    private readonly metrics: CaseMetrics,
    private readonly analyzer: SqlAnalyzer,
  ) {}

  async execute(command: CreateCaseCommand, within?: Transaction): Promise<CaseWithQueries> {
    const now = new Date();
    const created = openCase(command, now);
    const analyses = await analyzeInputs(command.queries, this.analyzer);
    const queries = command.queries.map((q, i) => ({
      ...recordQuery(created.id, q, created.createdBy, now),
      analysis: analyses[i],
    }));
    const events = chainEvents(
      created.id,
      EMPTY_CHAIN,
      [caseCreated(created), ...queries.map((q) => queryRecorded(q, created.createdBy))],
      this.hasher,
    );

    const counts = await this.unitOfWork.run(async (tx) => {
      const written = await this.cases.insert(tx, created, queries, events);
      tx.afterCommit(() => {
        this.metrics.caseCreated(created.caseType, created.priority, queries.length);
        this.logger.info(
          {
            context: {
              case_id: created.id,
              case_type: created.caseType,
              priority: created.priority,
              query_count: queries.length,
            },
          },
          'case created',
        );
      });
      return written;
    }, within);
    // As GET /cases/{id} will show it.
    return {
      ...created,
      queries: withFingerprintCases(queries.slice(0, CASE_DETAIL_QUERIES), counts),
      queriesTotal: queries.length,
    };
  }
}
