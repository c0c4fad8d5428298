import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import postgres from 'postgres';
import request from 'supertest';
import { Database, Migrator } from '@app/database';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startAppOn } from '../setup/test-app.js';
import { createTestDatabase, openPool, TestDatabase } from '../setup/test-database.js';

/**
 * The service's runtime role, as db:migrate sets it up: it can do everything the service
 * does, and nothing that would let its credentials undo the append-only guarantees.
 */
describe('least privilege', () => {
  const suffix = randomBytes(4).toString('hex');
  const roles = {
    owner: `ct_owner_${suffix}`,
    app: `ct_app_${suffix}`,
    appPassword: `app-${randomBytes(12).toString('hex')}`,
  };
  let db: TestDatabase;
  let appUrl: string;
  let asApp: postgres.Sql;
  let app: INestApplication;
  let database: Database;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    await new Migrator(db.url, undefined, { roles }).migrate();
    const url = new URL(db.url);
    url.username = roles.app;
    url.password = roles.appPassword;
    appUrl = url.toString();
    asApp = postgres(appUrl, { max: 1, onnotice: () => undefined });
    database = openPool(appUrl, { poolMax: 3, applicationName: 'least-privilege-test' });
    app = await startAppOn(appUrl, database);
  });
  afterAll(async () => {
    await app.close();
    await asApp.end();
    await db.drop();
    const admin = postgres(db.url.replace(/\/[^/]*$/, '/postgres'), { max: 1 });
    try {
      for (const role of [roles.app, roles.owner]) await admin`drop role if exists ${admin(role)}`;
    } finally {
      await admin.end();
    }
  });

  it('serves every operation as the runtime role', async () => {
    const http = app.getHttpServer();
    const created = await request(http).post('/api/v1/cases').send(aCase());
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect(
      (
        await request(http)
          .post(`/api/v1/cases/${id}/queries`)
          .send({ queries: [aQuery()] })
      ).status,
    ).toBe(201);
    expect(
      (
        await request(http)
          .post(`/api/v1/cases/${id}/status`)
          .send({ status: 'in_progress', changed_by: 'a@b.co' })
      ).status,
    ).toBe(201);
    for (const path of [
      '/api/v1/cases?status=in_progress',
      `/api/v1/cases/${id}`,
      `/api/v1/cases/${id}/history`,
      `/api/v1/cases/${id}/queries`,
      '/api/v1/fingerprints',
      '/api/v1/stats',
      '/health/ready',
    ]) {
      expect((await request(http).get(path)).status).toBe(200);
    }
  });

  it.each([
    ['create a table', 'create table t (id int)'],
    ['drop a table', 'drop table case_events'],
    ['truncate', 'truncate case_events'],
    ['switch triggers off', 'alter table case_events disable trigger user'],
    ['skip triggers by replication role', "set session_replication_role = 'replica'"],
    ['change a recorded fact', "update support_cases set title = 'forged'"],
    ['edit a query record', "update query_records set query_text = 'forged'"],
    ['delete events', 'delete from case_events'],
    ['forge the list counters', 'update case_counts set n = 0'],
    [
      'replace a trigger function',
      'create or replace function queue_case_change() returns trigger language plpgsql as $$ begin return null; end $$',
    ],
    ['rewrite the migration history', 'delete from schema_migrations'],
  ])('cannot %s', async (_name, statement) => {
    await expect(asApp.unsafe(statement)).rejects.toMatchObject({
      code: expect.stringMatching(/^42501$|^42P01$/),
    });
  });

  it('cannot move a case row without the events that explain it', async () => {
    await expect(asApp`update support_cases set status = 'open'`).rejects.toMatchObject({
      code: '23001',
    });
  });

  it('is checked again, and kept, by every db:migrate', async () => {
    await new Migrator(db.url, undefined, { roles }).migrate();
    const [owner] = await db.sql<{ owner: string }[]>`
      select pg_get_userbyid(relowner) as owner from pg_class where relname = 'case_events'`;
    expect(owner.owner).toBe(roles.owner);
    await db.sql`grant delete on case_events to ${db.sql(roles.app)}`;
    await new Migrator(db.url, undefined, { roles }).migrate();
    await expect(asApp`delete from case_events`).rejects.toMatchObject({ code: '42501' });
  });
});
