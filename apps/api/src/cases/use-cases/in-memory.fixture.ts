import { PinoLogger } from 'nestjs-pino';
import { InMemoryUnitOfWork, Metrics } from '@app/core';
import { QueryAnalysis, SqlAnalyzer } from '../../analysis/domain/query-analysis.js';
import { ChainHasher } from '../../audit/domain/hash-chain.js';
import { CaseMetrics } from '../case-metrics.js';
import { InMemoryCasesRepository } from '../persistence/in-memory-cases.repository.js';
import { AppendQueriesUseCase } from './append-queries.use-case.js';
import { ChangeStatusUseCase } from './change-status.use-case.js';
import { CreateCaseCommand, CreateCaseUseCase } from './create-case.use-case.js';

/**
 * An analyzer that reads nothing: the use cases' tests are about what they do with an
 * analysis, the analyzer has its own (apps/api/src/analysis).
 */
export class StubSqlAnalyzer extends SqlAnalyzer {
  async analyze(text: string, defaultSchema: string): Promise<QueryAnalysis> {
    return {
      analyzerVersion: 'stub',
      parsed: true,
      parseError: null,
      fingerprint: `fp:${text.length}`,
      normalized: text,
      statementTypes: ['SelectStmt'],
      classes: ['READ'],
      tables: [`${defaultSchema}.stub`],
      flags: [],
    };
  }
}

/** The cases slice on in-memory adapters, for unit tests of its use cases. */
export function inMemoryCases(hasher = new ChainHasher(), analyzer = new StubSqlAnalyzer()) {
  const cases = new InMemoryCasesRepository();
  const unitOfWork = new InMemoryUnitOfWork();
  const metrics = new Metrics();
  const caseMetrics = new CaseMetrics(metrics);
  const logger = new PinoLogger({ pinoHttp: { level: 'silent' } });
  const createCase = new CreateCaseUseCase(
    unitOfWork,
    cases,
    hasher,
    logger,
    caseMetrics,
    analyzer,
  );
  return {
    cases,
    unitOfWork,
    hasher,
    caseMetrics,
    createCase,
    appendQueries: new AppendQueriesUseCase(unitOfWork, cases, hasher, caseMetrics, analyzer),
    changeStatus: new ChangeStatusUseCase(unitOfWork, cases, hasher, caseMetrics),
    /** A case opened through the create use case; each test states only what it varies. */
    open: (overrides: Partial<CreateCaseCommand> = {}) =>
      createCase.execute({
        title: 'Q4 sales extract',
        description: null,
        caseType: 'support',
        priority: 'high',
        createdBy: 'ana@example.com',
        queries: [],
        ...overrides,
      }),
    /** The value of a counter, summed over its labels matching `labels`. */
    counter: async (name: string, labels: Record<string, string> = {}) => {
      const metric = await metrics.registry.getSingleMetric(name)?.get();
      return (metric?.values ?? [])
        .filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))
        .reduce((sum, v) => sum + v.value, 0);
    },
  };
}

export const aQueryInput = (queryText = 'select 1') => ({
  databaseName: 'sales_db',
  schemaName: 'public',
  queryText,
});
