import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

describe('append-only tables, enforced by the database', () => {
  let t: TestApp;
  let caseId: string;
  beforeAll(async () => {
    t = await startTestApp();
    caseId = (await request(t.http).post('/api/v1/cases').send(aCase())).body.data.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    [
      'update query_records',
      (id: string) => t.db.sql`update query_records set query_text = 'x' where case_id = ${id}`,
    ],
    [
      'delete query_records',
      (id: string) => t.db.sql`delete from query_records where case_id = ${id}`,
    ],
    [
      'update case_events',
      (id: string) => t.db.sql`update case_events set actor = 'x@y.z' where case_id = ${id}`,
    ],
    ['delete case_events', (id: string) => t.db.sql`delete from case_events where case_id = ${id}`],
    ['delete support_cases', (id: string) => t.db.sql`delete from support_cases where id = ${id}`],
    [
      'change a case title',
      (id: string) => t.db.sql`update support_cases set title = 'forged' where id = ${id}`,
    ],
    [
      'update query_analyses',
      (id: string) =>
        t.db.sql`update query_analyses set tables = '{}'
                 where query_id in (select id from query_records where case_id = ${id})`,
    ],
    [
      'delete query_analyses',
      (id: string) =>
        t.db.sql`delete from query_analyses
                 where query_id in (select id from query_records where case_id = ${id})`,
    ],
    ['truncate query_analyses', () => t.db.sql`truncate query_analyses`],
    ['truncate query_records', () => t.db.sql`truncate query_records cascade`],
    ['truncate case_events', () => t.db.sql`truncate case_events cascade`],
  ])('rejects: %s', async (_name, attempt) => {
    await expect(attempt(caseId)).rejects.toMatchObject({ code: '23001' });
    const res = await request(t.http).get(`/api/v1/cases/${caseId}`);
    expect(res.body.data.title).toBe('Q4 sales extract');
    expect(res.body.data.queries).toHaveLength(1);
  });

  it('moves the case row only with the events that explain the move (migration 0005)', async () => {
    await expect(
      t.db
        .sql`update support_cases set status = 'in_progress', updated_at = now() where id = ${caseId}`,
    ).rejects.toMatchObject({ code: '23001' });
    const res = await request(t.http)
      .post(`/api/v1/cases/${caseId}/status`)
      .send({ status: 'in_progress', changed_by: 'lead@example.com' });
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('in_progress');
  });

  it('enforces the domain checks in the schema too', async () => {
    await expect(
      t.db
        .sql`insert into support_cases (id, title, case_type, priority, created_by, created_at, updated_at)
               values (gen_random_uuid(), 'x', 'support', 'urgent', 'a@b.c', now(), now())`,
    ).rejects.toMatchObject({ code: '23514' });
  });
});
