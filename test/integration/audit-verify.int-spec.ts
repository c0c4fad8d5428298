import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CreateAuditAnchorUseCase } from '../../apps/api/src/audit/use-cases/create-audit-anchor.use-case.js';
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

  const verify = (command = {}) => t.app.get(VerifyAuditTrailUseCase).execute(command);

  const TABLES = ['support_cases', 'query_records', 'case_events'];

  /** Edits the trail as an attacker with table-owner rights would: triggers off. */
  const tamper = async (statement: () => Promise<unknown>) => {
    for (const table of TABLES) await t.db.sql`alter table ${t.db.sql(table)} disable trigger user`;
    await statement();
    for (const table of TABLES) await t.db.sql`alter table ${t.db.sql(table)} enable trigger user`;
  };

  const eventOf = async (caseId: string, seq: number) =>
    (
      await t.db.sql<
        { id: string }[]
      >`select id from case_events where case_id = ${caseId} and seq = ${seq}`
    )[0].id;

  it('verifies every event of every case', async () => {
    expect(await verify()).toEqual({
      verifiedCases: 3,
      verifiedEvents: 12,
      verifiedRecords: 6,
      keyedEvents: 0,
      broken: null,
      anchorMatches: null,
    });
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

    const anchored = await run(
      'node_modules/.bin/tsx',
      ['apps/api/src/audit/audit-anchor.cli.ts'],
      {
        env: { ...process.env, DATABASE_URL: t.db.url },
      },
    );
    const anchor = anchored.stdout.trim().split('\n').at(-1)!;
    expect(anchor).toMatch(/^anchor-v1\/\S+Z\/[0-9a-f]{64}$/);
    const withAnchor = await run(
      'node_modules/.bin/tsx',
      ['apps/api/src/audit/audit-verify.cli.ts', '--anchor', anchor],
      { env: { ...process.env, DATABASE_URL: t.db.url } },
    );
    expect(withAnchor.stdout).toContain('anchor matches');
    const forged = anchor.replace(/[0-9a-f]{64}$/, '0'.repeat(64));
    const mismatch = await run(
      'node_modules/.bin/tsx',
      ['apps/api/src/audit/audit-verify.cli.ts', '--anchor', forged],
      { env: { ...process.env, DATABASE_URL: t.db.url } },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(mismatch).toMatchObject({ code: 1, stderr: expect.stringMatching(/ANCHOR MISMATCH/) });

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

  it('refuses, in the database, a case row changed without the event that explains it', async () => {
    const update = (statement: string) =>
      t.db.sql.unsafe(statement.replace('$1', `'${ids[0]}'`)).catch((e: { code: string }) => e);
    for (const statement of [
      `update support_cases set status = 'open' where id = $1`,
      `update support_cases set updated_at = updated_at + interval '1 hour' where id = $1`,
      `update support_cases set queries_count = queries_count + 1 where id = $1`,
      `update support_cases set events_count = events_count + 1 where id = $1`,
    ]) {
      expect(await update(statement)).toMatchObject({ code: '23001' });
    }
    expect((await verify()).broken).toBeNull();
  });

  it('finds a case row changed behind the database’s back', async () => {
    await tamper(() => t.db.sql`update support_cases set status = 'open' where id = ${ids[1]}`);
    expect((await verify()).broken).toEqual({
      caseId: ids[1],
      eventId: null,
      reason: 'the case row differs from the replay of its events: status',
    });
  });

  it('finds a query record whose text was rewritten', async () => {
    const [record] = await t.db.sql<{ id: string }[]>`
      select id from query_records where case_id = ${ids[2]} order by position limit 1`;
    await tamper(
      () => t.db.sql`update query_records set query_text = 'select 42' where id = ${record.id}`,
    );
    expect((await verify()).broken).toMatchObject({
      caseId: ids[2],
      reason: `query record ${record.id} differs from its event`,
    });
  });

  it('finds a rewrite that keeps every chain consistent only with an anchor', async () => {
    const anchor = await t.app
      .get(CreateAuditAnchorUseCase)
      .execute(new Date(Date.now() + 120_000));
    expect(anchor.heads).toBe(3);
    expect((await verify({ anchor })).anchorMatches).toBe(true);

    // The owner drops a case's last event and makes its row agree: every check but the
    // anchor is satisfied.
    await tamper(async () => {
      await t.db.sql`delete from case_events where case_id = ${ids[0]} and seq = 4`;
      await t.db.sql`
        update support_cases c set status = 'open', events_count = 3,
          last_event_hash = (select hash from case_events where case_id = c.id and seq = 3),
          updated_at = (select max(occurred_at) from case_events where case_id = c.id)
        where id = ${ids[0]}`;
    });
    const report = await verify({ anchor });
    expect(report.broken).toBeNull();
    expect(report.anchorMatches).toBe(false);
  });

  it('keys the chain with AUDIT_HMAC_KEY, and needs the key to verify it', async () => {
    const key = 'a-secret-kept-outside-the-database-0123456789';
    const keyed = await startTestApp({ AUDIT_HMAC_KEY: key });
    try {
      const created = await request(keyed.http).post('/api/v1/cases').send(aCase());
      const history = await request(keyed.http).get(
        `/api/v1/cases/${created.body.data.id}/history`,
      );
      expect(history.body.data.items.map((e: { hash_alg: string }) => e.hash_alg)).toEqual([
        'hmac-sha256',
        'hmac-sha256',
      ]);
      expect(
        await keyed.app.get(VerifyAuditTrailUseCase).execute({ requireKeyed: true }),
      ).toMatchObject({ broken: null, keyedEvents: 2 });
      const cli = (env: Record<string, string>) =>
        run('node_modules/.bin/tsx', ['apps/api/src/audit/audit-verify.cli.ts'], {
          env: { ...process.env, DATABASE_URL: keyed.db.url, ...env },
        }).then(
          (ok) => ({ code: 0, out: ok.stdout }),
          (error: { code: number; stderr: string }) => ({ code: error.code, out: error.stderr }),
        );
      expect(await cli({ AUDIT_HMAC_KEY: key })).toMatchObject({ code: 0 });
      expect(await cli({ AUDIT_HMAC_KEY: 'b'.repeat(32) })).toMatchObject({ code: 1 });
      expect(await cli({})).toMatchObject({
        code: 2,
        out: expect.stringMatching(/AUDIT_HMAC_KEY/),
      });
    } finally {
      await keyed.close();
    }
  }, 60000);
});
