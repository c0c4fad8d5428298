/**
 * `npm run audit:verify`: checks every case's event hash chain. Prints the number of
 * verified events, or the first broken link (case id, event id) and exits 1.
 * Uses DATABASE_URL, or the embedded PostgreSQL of `npm start` when it is unset.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/config';
import { Database, DatabaseModule, openDatabaseServer } from '@app/database';
import { AuditModule } from './audit.module.js';
import { VerifyAuditTrailUseCase } from './use-cases/verify-audit-trail.use-case.js';

@Module({})
class AuditCliModule {}

async function main(): Promise<number> {
  const config = loadConfig();
  const server = await openDatabaseServer(config);
  const database = new Database({
    url: server.url,
    ...config.db,
    statementTimeoutMs: 600000,
    applicationName: 'audit-verify',
  });
  const app = await NestFactory.createApplicationContext(
    { module: AuditCliModule, imports: [DatabaseModule.forRoot(database), AuditModule] },
    { logger: false },
  );
  try {
    const report = await app.get(VerifyAuditTrailUseCase).execute();
    if (report.broken) {
      const { caseId, eventId, reason } = report.broken;
      console.error(`BROKEN case ${caseId} event ${eventId ?? '(missing)'}: ${reason}`);
      console.error(`verified before the break: ${report.verifiedEvents} events`);
      return 1;
    }
    console.log(`OK: verified ${report.verifiedEvents} events in ${report.verifiedCases} cases`);
    return 0;
  } finally {
    // Closing the context closes the pool (DatabaseModule's shutdown hook).
    await app.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
