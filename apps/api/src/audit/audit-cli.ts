import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadToolConfig } from '@app/config';
import { Database, DatabaseModule, openDatabaseServer } from '@app/database';
import { AuditModule } from './audit.module.js';

@Module({})
class AuditCliModule {}

/**
 * Runs an audit command against the service's database (DATABASE_URL, or the embedded
 * server of `npm start`) with the audit module as the service wires it, then exits with
 * the code `work` returns: 0 fine, 1 a finding, 2 the command could not run.
 */
export function runAuditCli(
  name: string,
  work: (app: INestApplicationContext, args: string[]) => Promise<number>,
): void {
  const main = async () => {
    const config = loadToolConfig();
    const server = await openDatabaseServer(config);
    const database = new Database({
      url: server.url,
      ...config.db,
      statementTimeoutMs: 3_600_000,
      applicationName: name,
    });
    const app = await NestFactory.createApplicationContext(
      {
        module: AuditCliModule,
        imports: [
          DatabaseModule.forRoot(database),
          AuditModule.forRoot({ hmacKey: config.auditHmacKey }),
        ],
      },
      { logger: false },
    );
    try {
      return await work(app, process.argv.slice(2));
    } finally {
      // Closing the context closes the pool (DatabaseModule's shutdown hook).
      await app.close();
      await server.stop();
    }
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
