/**
 * `npm run audit:verify`: checks every case's event hash chain. Prints the number of
 * verified events, or the first broken link (case id, event id) and exits 1.
 * Uses DATABASE_URL, or the embedded PostgreSQL of `npm start` when it is unset.
 */
import { loadConfig } from '@app/config';
import { Database, startEmbeddedPostgres } from '@app/database';
import { PgCasesRepository } from '../cases/persistence/pg-cases.repository.js';
import { VerifyAuditTrailUseCase } from '../cases/use-cases/verify-audit-trail.use-case.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.embedded);
  const url = config.databaseUrl ?? (await embedded!.ensureDatabase('case_tracker'));
  const database = new Database({
    url,
    ...config.db,
    statementTimeoutMs: 600000,
    applicationName: 'audit-verify',
  });
  try {
    const report = await new VerifyAuditTrailUseCase(new PgCasesRepository(database)).execute();
    if (report.broken) {
      const { caseId, eventId, reason } = report.broken;
      console.error(`BROKEN case ${caseId} event ${eventId ?? '(missing)'}: ${reason}`);
      console.error(`verified before the break: ${report.verifiedEvents} events`);
      return 1;
    }
    console.log(`OK: verified ${report.verifiedEvents} events in ${report.verifiedCases} cases`);
    return 0;
  } finally {
    await database.close();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
