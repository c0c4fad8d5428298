import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { Migrator, startEmbeddedPostgres } from '@app/database';
import { TEST_ENV, testRunState } from './test-env.js';
import { freePort } from './free-port.js';

/**
 * Once per `npm test`: a PostgreSQL server (TEST_DATABASE_URL's, or a throw-away embedded
 * one) and a migrated template database. Each test file clones the template into its
 * own database, so files never see each other's rows and runs never share state.
 */
export async function setUpRunDatabase(): Promise<void> {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'case-tracker-test-pg-'));
    const server = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      ephemeral: true,
    });
    testRunState.embedded = server;
    testRunState.dataDir = dataDir;
    adminUrl = server.url;
  }

  const template = `case_tracker_test_${runId}_template`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin`create database ${admin(template)}`;
  } finally {
    await admin.end();
  }
  await new Migrator(withDatabase(adminUrl, template)).migrate();

  process.env[TEST_ENV.adminUrl] = adminUrl;
  process.env[TEST_ENV.template] = template;
  process.env[TEST_ENV.runId] = runId;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function tearDownRunDatabase(): Promise<void> {
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const runId = process.env[TEST_ENV.runId];
  if (testRunState.embedded) {
    await testRunState.embedded.stop();
    if (testRunState.dataDir) rmSync(testRunState.dataDir, { recursive: true, force: true });
    return;
  }
  if (!adminUrl || !runId) return;
  // On a shared server, drop what this run created (and nothing else).
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    const databases = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`case_tracker_test_${runId}_%`}`;
    for (const { datname } of databases) {
      await admin`drop database if exists ${admin(datname)} with (force)`;
    }
  } finally {
    await admin.end();
  }
}
