import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Database, PgUnitOfWork } from '@app/database';
import { QueryAnalysis } from '../../apps/api/src/analysis/domain/query-analysis.js';
import { ANALYZER_VERSION } from '../../apps/api/src/analysis/domain/query-analyzer.js';
import { PgQueryAnalyses } from '../../apps/api/src/analysis/persistence/pg-query-analyses.repository.js';
import { PooledSqlAnalyzer } from '../../apps/api/src/analysis/pooled-sql-analyzer.js';
import { reanalyze } from '../../apps/api/src/analysis/reanalyze.js';
import {
  chainEvents,
  ChainHasher,
  EMPTY_CHAIN,
} from '../../apps/api/src/audit/domain/hash-chain.js';
import { caseCreated, queryRecorded } from '../../apps/api/src/cases/domain/case-event.js';
import { openCase, recordQuery } from '../../apps/api/src/cases/domain/case.js';
import { PgCasesRepository } from '../../apps/api/src/cases/persistence/pg-cases.repository.js';
import { createTestDatabase, openPool, TestDatabase } from '../setup/test-database.js';

const run = promisify(execFile);

describe('queries:reanalyze', () => {
  let db: TestDatabase;
  let database: Database;
  let analyzer: PooledSqlAnalyzer;
  const texts = Array.from({ length: 7 }, (_, i) => `select * from t${i} where id = ${i}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    database = openPool(db.url);
    analyzer = await PooledSqlAnalyzer.start((error) => {
      throw error;
    });
    // Records written before analysis existed: no analysis rows.
    const now = new Date();
    const c = openCase(
      { title: 't', caseType: 'support', priority: 'low', createdBy: 'a@b.io' },
      now,
    );
    const queries = texts.map((queryText) => ({
      ...recordQuery(c.id, { databaseName: 'd', schemaName: 'sales', queryText }, c.createdBy, now),
      analysis: null as QueryAnalysis | null,
    }));
    const events = chainEvents(
      c.id,
      EMPTY_CHAIN,
      [caseCreated(c), ...queries.map((q) => queryRecorded(q, c.createdBy))],
      new ChainHasher(),
    );
    await new PgUnitOfWork(database).run((tx) =>
      new PgCasesRepository(database).insert(tx, c, queries, events),
    );
  });
  afterAll(async () => {
    await analyzer.close();
    await database.close();
    await db.drop();
  });

  const analysed = async () =>
    db.sql<{ text: string; tables: string[] }[]>`
      select q.query_text as text, a.tables from query_analyses a
      join query_records q on q.id = a.query_id
      where a.analyzer_version = ${ANALYZER_VERSION} order by q.query_text`;

  it('analyses every record that lacks the current version, in batches, and resumes', async () => {
    const batches: number[] = [];
    const first = await reanalyze(
      new PgQueryAnalyses(database),
      analyzer,
      ANALYZER_VERSION,
      (p) => batches.push(p.analysed),
      3,
    );
    expect(first).toEqual({ analysed: 7, skipped: 0 });
    expect(batches).toEqual([3, 6, 7]);
    expect((await analysed()).map((r) => r.tables)).toEqual(texts.map((_, i) => [`sales.t${i}`]));

    // A second run finds nothing left to do.
    expect(
      await reanalyze(new PgQueryAnalyses(database), analyzer, ANALYZER_VERSION, () => undefined),
    ).toEqual({
      analysed: 0,
      skipped: 0,
    });
  });

  it('runs as npm run queries:reanalyze against DATABASE_URL', async () => {
    const { stdout } = await run(
      'node_modules/.bin/tsx',
      ['apps/api/src/analysis/reanalyze.cli.ts'],
      {
        env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent' },
      },
    );
    expect(stdout).toContain(`OK: 0 records analysed with ${ANALYZER_VERSION}`);
  }, 60000);
});
