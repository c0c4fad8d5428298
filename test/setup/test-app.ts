import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { AppConfig, loadConfig } from '@app/config';
import { createLogger } from '@app/core';
import type { Database } from '@app/database';
import { createApp } from '../../apps/api/src/create-app.js';
import { createTestDatabase, TestDatabase } from './test-database.js';

export interface TestApp {
  app: INestApplication;
  http: Server;
  db: TestDatabase;
  config: AppConfig;
  /** Every log line written so far, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The whole service, as main.ts builds it, on a fresh database of its own. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig(
    {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000000',
      // Most tests exercise the API itself; test/e2e/auth.e2e-spec.ts turns tokens on.
      AUTH_MODE: 'off',
      ...env,
    },
    '0.0.0-test',
  );
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const logger = createLogger(
    {
      serviceName: config.serviceName,
      version: config.version,
      level: config.logLevel,
      pretty: false,
    },
    sink,
  );
  const app = await createApp({ config, database: db.database, logger });
  await app.init();
  return {
    app,
    http: app.getHttpServer() as Server,
    db,
    config,
    logs,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

/**
 * The whole service on a pool the test opened itself (a role, a deadline or a server of
 * its own), without a test database's bookkeeping; logs are dropped.
 */
export async function startAppOn(url: string, database: Database): Promise<INestApplication> {
  const config = loadConfig(
    { DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '1000000', AUTH_MODE: 'off' },
    'test',
  );
  const logger = createLogger({ serviceName: 't', version: 't', level: 'silent', pretty: false });
  const app = await createApp({ config, database, logger });
  await app.init();
  return app;
}
