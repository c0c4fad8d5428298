import { Global, Module } from '@nestjs/common';
import { SqlAnalyzer } from './domain/query-analysis.js';
import { QueryAnalyzer } from './domain/query-analyzer.js';

/**
 * Query analysis: PostgreSQL's own parser (libpg-query, WASM), loaded once at start-up,
 * behind the {@link SqlAnalyzer} port the cases slice writes records with.
 */
@Global()
@Module({
  providers: [{ provide: SqlAnalyzer, useFactory: () => QueryAnalyzer.load() }],
  exports: [SqlAnalyzer],
})
export class AnalysisModule {}
