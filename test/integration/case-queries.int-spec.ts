import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Database, PgUnitOfWork } from '@app/database';
import {
  chainEvents,
  ChainHasher,
  EMPTY_CHAIN,
} from '../../apps/api/src/audit/domain/hash-chain.js';
import { caseCreated, queryRecorded } from '../../apps/api/src/cases/domain/case-event.js';
import { openCase, recordQuery } from '../../apps/api/src/cases/domain/case.js';
import { PgCasesRepository } from '../../apps/api/src/cases/persistence/pg-cases.repository.js';
import { createTestDatabase, openPool, TestDatabase } from '../setup/test-database.js';

/** A case's records, read a bounded range at a time through the (case_id, position) index. */
describe('PgCasesRepository: query records by position', () => {
  let db: TestDatabase;
  let database: Database;
  let cases: PgCasesRepository;
  let caseId: string;
  let statements: { text: string; params: unknown[] }[] = [];
  const texts = Array.from({ length: 30 }, (_, i) => `select ${i + 1}`);

  /** A case with records of these texts, written as the create use case writes them. */
  async function seedCase(queryTexts: string[]): Promise<string> {
    const now = new Date();
    const c = openCase(
      { title: 't', caseType: 'support', priority: 'low', createdBy: 'a@b.io' },
      now,
    );
    const queries = queryTexts.map((queryText) => ({
      ...recordQuery(c.id, { databaseName: 'd', schemaName: 's', queryText }, c.createdBy, now),
      analysis: null,
    }));
    const events = chainEvents(
      c.id,
      EMPTY_CHAIN,
      [caseCreated(c), ...queries.map((q) => queryRecorded(q, c.createdBy))],
      new ChainHasher(),
    );
    await new PgUnitOfWork(database).run((tx) => cases.insert(tx, c, queries, events));
    return c.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    database = openPool(db.url, {
      poolMax: 1,
      applicationName: 'case-tracker-test-queries',
      debug: (text, params) => statements.push({ text, params }),
    });
    cases = new PgCasesRepository(database);
    caseId = await seedCase(texts);
  });
  afterAll(async () => {
    await database.close();
    await db.drop();
  });

  it('answers the first records up to the limit, with the total from the case row', async () => {
    const found = await cases.findById(caseId, 10);
    expect(found?.queries.map((q) => q.queryText)).toEqual(texts.slice(0, 10));
    expect(found?.queriesTotal).toBe(30);
  });

  it('answers any page by position, and an empty one past the end', async () => {
    const page = await cases.listQueries(caseId, { page: 3, pageSize: 7 });
    expect(page?.items.map((q) => q.queryText)).toEqual(texts.slice(14, 21));
    expect(page?.total).toBe(30);
    expect(await cases.listQueries(caseId, { page: 5, pageSize: 10 })).toEqual({
      items: [],
      total: 30,
    });
  });

  it('answers null for an unknown case', async () => {
    expect(await cases.findById(randomUUID(), 10)).toBeNull();
    expect(await cases.listQueries(randomUUID(), { page: 1, pageSize: 10 })).toBeNull();
  });

  it('leaves out records that the count read with the case row does not include', async () => {
    const id = await seedCase(['a', 'b', 'c']);
    // A record committed after the case row was read, as a concurrent append's would be.
    await db.sql`
      insert into query_records (
        id, case_id, position, database_name, schema_name, query_text, executed_by,
        executed_at, recorded_at)
      values (${randomUUID()}, ${id}, 4, 'd', 's', 'late', 'a@b.io', now(), now())`;
    const found = await cases.findById(id, 10);
    expect(found?.queries.map((q) => q.queryText)).toEqual(['a', 'b', 'c']);
    expect(found?.queriesTotal).toBe(3);
    expect(await cases.listQueries(id, { page: 1, pageSize: 10 })).toMatchObject({
      items: [{ queryText: 'a' }, { queryText: 'b' }, { queryText: 'c' }],
      total: 3,
    });
  });

  it('reads a deep page through the (case_id, position) index, never the whole case', async () => {
    statements = [];
    await cases.listQueries(caseId, { page: 3, pageSize: 7 });
    const [records] = statements.filter(({ text }) => /from query_records/.test(text));
    const plan = await db.sql.begin(async (tx) => {
      await tx`set local enable_seqscan = off`;
      return tx.unsafe(`explain ${records.text}`, records.params as never[]);
    });
    const text = plan.map((row) => (row as Record<string, string>)['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Scan using query_records_case_id_position_key/);
    expect(text).toMatch(/Index Cond: .*case_id = .*"position" > .*"position" <= /s);
    // The only sort allowed is of one record's analyses (one per analyzer version), to
    // pick its newest; the case's records come in index order.
    const sortKeys = [...text.matchAll(/Sort Key: (.*)/g)].map((m) => m[1]);
    expect(sortKeys.every((key) => key.startsWith('qa.'))).toBe(true);
    expect(text).not.toMatch(/Sort Key: .*position/);
  });
});
