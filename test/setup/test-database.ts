import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { Database, DatabaseOptions } from '@app/database';
import { TEST_ENV } from './test-env.js';

export interface TestDatabase {
  url: string;
  name: string;
  /** A pool on this database, as the service would open it. */
  database: Database;
  /** A plain postgres.js client for assertions and raw SQL. */
  sql: postgres.Sql;
  drop(): Promise<void>;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is unset: run the tests with jest's globalSetup`);
  return value;
}

/**
 * A fresh database of its own for one test file: a clone of the run's migrated template,
 * or an empty one (`{ migrated: false }`) for tests of the migrations themselves.
 */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const adminUrl = env(TEST_ENV.adminUrl);
  const template = env(TEST_ENV.template);
  const name = `case_tracker_test_${env(TEST_ENV.runId)}_${randomBytes(4).toString('hex')}`;

  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await (migrated
          ? admin`create database ${admin(name)} template ${admin(template)}`
          : admin`create database ${admin(name)}`);
        break;
      } catch (error) {
        // 55006: another worker is cloning the template at this very moment.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  const database = openPool(url);
  const sql = postgres(url, { max: 2, onnotice: () => undefined });
  return {
    url,
    name,
    database,
    sql,
    drop: async () => {
      await Promise.all([database.close(), sql.end()]);
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => undefined });
      try {
        await dropper`drop database if exists ${dropper(name)} with (force)`;
      } finally {
        await dropper.end();
      }
    },
  };
}

/** A pool as the service opens one, with test-friendly defaults; each test says what it varies. */
export function openPool(url: string, options: Partial<DatabaseOptions> = {}): Database {
  return new Database({
    url,
    poolMax: 5,
    connectTimeoutSeconds: 5,
    idleTimeoutSeconds: 10,
    statementTimeoutMs: 10000,
    applicationName: 'case-tracker-test',
    ...options,
  });
}
