import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { PgAuditTrailRepository } from '../../apps/api/src/audit/persistence/pg-audit-trail.repository.js';
import { VerifyAuditTrailUseCase } from '../../apps/api/src/audit/use-cases/verify-audit-trail.use-case.js';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

const run = promisify(execFile);

describe('audit trail verification', () => {
  let t: TestApp;
  let ids: string[];

  beforeEach(async () => {
    t = await startTestApp();
    ids = [];
    for (let i = 0; i < 3; i += 1) {
      const id = (await request(t.http).post('/api/v1/cases').send(aCase())).body.data.id as string;
      await request(t.http)
        .post(`/api/v1/cases/${id}/queries`)
        .send({ queries: [aQuery()] });
      await request(t.http)
        .post(`/api/v1/cases/${id}/status`)
        .send({ status: 'closed', changed_by: 'a@b.co' });
      ids.push(id);
    }
  });
  afterEach(async () => {
    await t.close();
  });

  const verify = () =>
    new VerifyAuditTrailUseCase(new PgAuditTrailRepository(t.db.database)).execute();

  /** Edits the trail as an attacker with table-owner rights would: triggers off. */
  const tamper = async (statement: () => Promise<unknown>) => {
    await t.db.sql`alter table case_events disable trigger user`;
    await statement();
    await t.db.sql`alter table case_events enable trigger user`;
  };

  const eventOf = async (caseId: string, seq: number) =>
    (
      await t.db.sql<
        { id: string }[]
      >`select id from case_events where case_id = ${caseId} and seq = ${seq}`
    )[0].id;

  it('verifies every event of every case', async () => {
    expect(await verify()).toEqual({ verifiedEvents: 12, verifiedCases: 3, broken: null });
  });

  it('finds an event whose content was altered', async () => {
    const victim = await eventOf(ids[1], 2);
    await tamper(
      () => t.db.sql`update case_events set actor = 'mallory@evil.test' where id = ${victim}`,
    );
    const report = await verify();
    expect(report.broken).toMatchObject({
      caseId: ids[1],
      eventId: victim,
      reason: expect.stringMatching(/hash/),
    });
  });

  it('finds a status payload rewritten together with its own hash', async () => {
    const victim = await eventOf(ids[0], 4);
    await tamper(
      () =>
        t.db
          .sql`update case_events set payload = jsonb_set(payload, '{to}', '"resolved"'), hash = repeat('0', 64) where id = ${victim}`,
    );
    expect((await verify()).broken).toMatchObject({ caseId: ids[0], eventId: victim });
  });

  it('finds a deleted event in the middle and a deleted last event', async () => {
    const middle = await eventOf(ids[2], 2);
    await tamper(() => t.db.sql`delete from case_events where id = ${middle}`);
    expect((await verify()).broken).toMatchObject({
      caseId: ids[2],
      eventId: await eventOf(ids[2], 3),
    });

    await tamper(() => t.db.sql`delete from case_events where case_id = ${ids[2]} and seq >= 3`);
    expect((await verify()).broken).toMatchObject({ caseId: ids[2], eventId: null });
  });

  it('runs as `npm run audit:verify`: exit 0 with a count, exit 1 naming the broken link', async () => {
    const cli = () =>
      run('node_modules/.bin/tsx', ['apps/api/src/audit/audit-verify.cli.ts'], {
        env: { ...process.env, DATABASE_URL: t.db.url },
      });
    const ok = await cli();
    expect(ok.stdout).toContain('OK: verified 12 events in 3 cases');

    const victim = await eventOf(ids[0], 1);
    await tamper(
      () =>
        t.db
          .sql`update case_events set occurred_at = occurred_at - interval '1 day' where id = ${victim}`,
    );
    const failed = await cli().then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`BROKEN case ${ids[0]} event ${victim}`);
  }, 60000);
});
