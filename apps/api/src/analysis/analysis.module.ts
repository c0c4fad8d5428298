import { Global, Inject, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { SqlAnalyzer } from './domain/query-analysis.js';
import { FingerprintsController } from './fingerprints.controller.js';
import { FingerprintsRepository } from './persistence/fingerprints.repository.js';
import { PgFingerprintsRepository } from './persistence/pg-fingerprints.repository.js';
import { PooledSqlAnalyzer } from './pooled-sql-analyzer.js';
import { GetFingerprintUseCase } from './use-cases/get-fingerprint.use-case.js';
import { ListFingerprintsUseCase } from './use-cases/list-fingerprints.use-case.js';

/**
 * Query analysis: PostgreSQL's own parser (libpg-query, WASM), loaded once at start-up,
 * behind the {@link SqlAnalyzer} port the cases slice writes records with; long texts are
 * parsed on a worker thread. Also the per-fingerprint figures (GET /api/v1/fingerprints).
 */
@Global()
@Module({
  controllers: [FingerprintsController],
  providers: [
    { provide: FingerprintsRepository, useClass: PgFingerprintsRepository },
    GetFingerprintUseCase,
    ListFingerprintsUseCase,
    {
      provide: SqlAnalyzer,
      useFactory: () =>
        PooledSqlAnalyzer.start((error) =>
          new Logger('AnalysisModule').error(`query analysis worker failed: ${error.message}`),
        ),
    },
  ],
  exports: [SqlAnalyzer],
})
export class AnalysisModule implements OnModuleDestroy {
  constructor(@Inject(SqlAnalyzer) private readonly analyzer: SqlAnalyzer) {}

  async onModuleDestroy(): Promise<void> {
    if (this.analyzer instanceof PooledSqlAnalyzer) await this.analyzer.close();
  }
}
