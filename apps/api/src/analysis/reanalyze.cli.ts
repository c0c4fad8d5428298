/**
 * `npm run queries:reanalyze`: gives every query record an analysis of the current
 * analyzer version (records written before analysis existed, or under an older version).
 * Safe to stop and run again; the service may keep running meanwhile.
 */
import { loadToolConfig } from '@app/config';
import { Database, openDatabaseServer } from '@app/database';
import { ANALYZER_VERSION } from './domain/query-analyzer.js';
import { PgQueryAnalyses } from './persistence/pg-query-analyses.repository.js';
import { PooledSqlAnalyzer } from './pooled-sql-analyzer.js';
import { reanalyze } from './reanalyze.js';

async function main(): Promise<number> {
  const config = loadToolConfig();
  const server = await openDatabaseServer(config);
  const database = new Database({
    url: server.url,
    ...config.db,
    requestTimeoutMs: 60_000,
    applicationName: 'queries:reanalyze',
  });
  const analyzer = await PooledSqlAnalyzer.start((error) =>
    console.error(`queries:reanalyze: analysis worker failed: ${error.message}`),
  );
  try {
    const store = new PgQueryAnalyses(database);
    const done = await reanalyze(store, analyzer, ANALYZER_VERSION, (p) =>
      console.error(`${p.analysed} records analysed (${ANALYZER_VERSION}), ${p.skipped} skipped`),
    );
    console.log(
      `OK: ${done.analysed} records analysed with ${ANALYZER_VERSION}` +
        (done.skipped > 0 ? `; ${done.skipped} could not be read, run again` : ''),
    );
    return done.skipped > 0 ? 1 : 0;
  } finally {
    await analyzer.close();
    await database.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`queries:reanalyze: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
