import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import postgres from 'postgres';
import { UnstorableValueError } from '@app/database';
import { createTestDatabase, openPool, TestDatabase } from '../setup/test-database.js';

/**
 * The backstop behind validation: values PostgreSQL refuses as data surface as a 422-coded
 * UnstorableValueError, never as a raw driver error (a 500); anything else stays a bug.
 */
describe('database errors about the values sent', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  // A bare case row: without the events the service writes with it, which migration
  // 0005's commit-time check would ask for (these tests are about the values).
  const insertCase = (title: string, id = randomUUID()) =>
    db.database.transaction(async (sql) => {
      await sql`alter table support_cases disable trigger support_cases_match_events`;
      await sql`
        insert into support_cases (id, title, case_type, priority, created_by, created_at, updated_at)
        values (${id}, ${title}, 'support', 'low', 'a@b.co', now(), now())`;
      await sql`alter table support_cases enable trigger support_cases_match_events`;
    });

  it.each([
    ['too long for its column (22001)', 'x'.repeat(201)],
    ['holding NUL (22021)', 'a\u0000b'],
    ['against a CHECK constraint (23514)', '   '],
  ])('maps a value %s to VALIDATION_ERROR', async (_name, title) => {
    const error = await insertCase(title).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnstorableValueError);
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', status: 422 });
  });

  it('refuses a query that ran before 1900 in the database too (migration 0004)', async () => {
    const id = randomUUID();
    await insertCase('t', id);
    const error = await db.database
      .query(
        (sql) => sql`
          insert into query_records (id, case_id, position, database_name, schema_name,
            query_text, executed_by, executed_at, recorded_at)
          values (${randomUUID()}, ${id}, 1, 'd', 's', 'q', 'a@b.co', '0023-06-15T00:00:00Z', now())`,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnstorableValueError);
  });

  it('leaves other errors as they are: they are bugs', async () => {
    const id = randomUUID();
    await insertCase('t', id);
    const error = await insertCase('t', id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(postgres.PostgresError);
    expect((error as postgres.PostgresError).code).toBe('23505');
  });

  it('sends an array as an array in the first statement of a new pool', async () => {
    // postgres.js alone sends it as text there (porsager/postgres#789): a valid
    // request would fail as a malformed array literal right after a restart.
    const pool = openPool(db.url);
    try {
      const [row] = await pool.query((sql) => sql`select ${sql.array(['a', 'b'])}::text[] as got`);
      expect(row.got).toEqual(['a', 'b']);
    } finally {
      await pool.close();
    }
  });
});
