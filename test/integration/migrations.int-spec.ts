import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { defaultMigrationsRoot, MigrationError, Migrator, readMigrationFiles } from '@app/database';
import { createTestDatabase, TestDatabase } from '../setup/test-database.js';

const run = promisify(execFile);
const ALL = readMigrationFiles().map((file) => file.version);

describe('Migrator', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterEach(async () => {
    await db.drop();
  });

  const tables = async () =>
    (
      await db.sql<{ table_name: string }[]>`
        select table_name from information_schema.tables
        where table_schema = 'public' order by table_name`
    ).map((row) => row.table_name);

  const searchIndexes = async () =>
    (
      await db.sql<{ indexname: string }[]>`
        select indexname from pg_indexes
        where tablename = 'support_cases' and indexdef like '%gin_trgm_ops%'
        order by indexname`
    ).map((row) => row.indexname);

  it('applies every pending migration once and records it with its checksum', async () => {
    const migrator = new Migrator(db.url);
    expect(await migrator.pending()).toEqual(ALL);

    const applied = await migrator.migrate();
    expect(applied.map((m) => m.version)).toEqual(ALL);
    expect(await tables()).toEqual([
      'analyses_to_count',
      'case_changes_to_count',
      'case_counts',
      'case_counts_now',
      'case_daily_counts',
      'case_daily_counts_now',
      'case_events',
      'case_resolution_histogram',
      'case_resolution_histogram_now',
      'fingerprint_cases',
      'fingerprint_stats',
      'fingerprint_time_histogram',
      'idempotency_keys',
      'query_analyses',
      'query_daily_counts',
      'query_daily_counts_now',
      'query_records',
      'schema_migrations',
      'support_cases',
      'table_cases',
      'table_stats',
    ]);
    const [row] = await db.sql<{ version: number; name: string; checksum: string }[]>`
      select version, name, checksum from schema_migrations order by version limit 1`;
    expect(row).toEqual({ version: 1, name: 'cases', checksum: readMigrationFiles()[0].checksum });

    expect(await migrator.migrate()).toEqual([]);
    expect(await migrator.pending()).toEqual([]);
    expect((await migrator.status()).map((s) => s.state)).toEqual(ALL.map(() => 'applied'));
  });

  it('lets concurrent runners take turns so each migration runs exactly once', async () => {
    const results = await Promise.all([1, 2, 3].map(() => new Migrator(db.url).migrate()));
    expect(results.map((r) => r.length).sort()).toEqual([0, 0, ALL.length]);
    const [{ count }] = await db.sql<
      { count: number }[]
    >`select count(*)::int as count from schema_migrations`;
    expect(count).toBe(ALL.length);
  });

  it('rolls back the newest migrations with their rollback files', async () => {
    const migrator = new Migrator(db.url);
    await migrator.migrate();
    expect(await searchIndexes()).toEqual(['support_cases_search_idx']);
    expect((await migrator.rollback(ALL.length - 2)).map((m) => m.version)).toEqual(
      ALL.slice(2).reverse(),
    );
    expect(await searchIndexes()).toEqual([
      'support_cases_description_trgm_idx',
      'support_cases_title_trgm_idx',
    ]);
    expect((await migrator.rollback(1)).map((m) => m.version)).toEqual([2]);
    expect(await tables()).not.toContain('case_counts');
    expect(await migrator.pending()).toEqual(ALL.slice(1));
    expect((await migrator.rollback(99)).map((m) => m.version)).toEqual([1]);
    expect(await tables()).toEqual(['schema_migrations']);
    expect(await migrator.pending()).toEqual(ALL);
    expect(await migrator.rollback(1)).toEqual([]);
    await migrator.migrate();
    expect(await migrator.pending()).toEqual([]);
  });

  it('refuses to run when an applied migration was edited, and reports it in status', async () => {
    await new Migrator(db.url).migrate();
    const root = mkdtempSync(join(tmpdir(), 'migrations-'));
    cpSync(defaultMigrationsRoot(), root, { recursive: true });
    writeFileSync(join(root, 'migrations', '0001_cases.sql'), '-- edited\n', { flag: 'a' });
    const edited = new Migrator(db.url, readMigrationFiles(root));

    await expect(edited.migrate()).rejects.toThrow(MigrationError);
    await expect(edited.migrate()).rejects.toThrow(/0001_cases/);
    expect((await edited.status()).map((s) => s.state)).toEqual([
      'changed',
      ...ALL.slice(1).map(() => 'applied'),
    ]);
  });

  it('rolls back a failing migration file whole and records nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'migrations-'));
    cpSync(defaultMigrationsRoot(), root, { recursive: true });
    writeFileSync(
      join(root, 'migrations', '0099_broken.sql'),
      'create table half_done (id int);\nselect no_such_function();\n',
    );
    const migrator = new Migrator(db.url, readMigrationFiles(root));

    await expect(migrator.migrate()).rejects.toThrow(/no_such_function/);
    expect(await tables()).not.toContain('half_done');
    expect(await migrator.pending()).toEqual([99]);
  });

  /** A case row, without the events the service would write with it (not the point here). */
  const insertCase = () =>
    db.sql.begin(async (sql) => {
      await sql`alter table support_cases disable trigger support_cases_match_events`;
      await sql`
        insert into support_cases (id, title, case_type, priority, created_by, created_at, updated_at)
        values (gen_random_uuid(), 't', 'support', 'low', 'a@b.co', now(), now())`;
      await sql`alter table support_cases enable trigger support_cases_match_events`;
    });

  /** The repository's migrations plus `extra` files, in a folder of their own. */
  const withExtra = (extra: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), 'migrations-'));
    cpSync(defaultMigrationsRoot(), root, { recursive: true });
    for (const [file, text] of Object.entries(extra)) {
      writeFileSync(join(root, 'migrations', file), text);
    }
    return readMigrationFiles(root);
  };

  it('refuses to roll back the first migration while cases exist, unless forced', async () => {
    const migrator = new Migrator(db.url);
    await migrator.migrate();
    await insertCase();

    await expect(migrator.rollback(99)).rejects.toThrow(
      /rolling back 0001_cases would delete the rows of support_cases.*--force/,
    );
    expect(await migrator.pending()).toEqual([]);
    // Later migrations keep no data of their own: they roll back without asking.
    expect((await migrator.rollback(ALL.length - 1)).map((m) => m.version)).toEqual(
      ALL.slice(1).reverse(),
    );
    expect((await migrator.rollback(1, { force: true })).map((m) => m.version)).toEqual([1]);
    expect(await tables()).toEqual(['schema_migrations']);
  });

  it('says so from the command line, and exits 1', async () => {
    await new Migrator(db.url).migrate();
    await insertCase();
    const failed = await run('node_modules/.bin/tsx', ['db/cli.ts', 'rollback', '99'], {
      env: { ...process.env, DATABASE_URL: db.url },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(/pass --force/);
    expect(await tables()).toContain('support_cases');
  }, 30000);

  it('gives up on a lock it cannot get within the lock timeout, and records nothing', async () => {
    const files = withExtra({
      '0099_add_column.sql': 'alter table support_cases add column x int;\n',
    });
    await new Migrator(db.url).migrate();
    const migrator = new Migrator(db.url, files, { lockTimeoutMs: 200 });
    await db.sql.begin(async (reader) => {
      await reader`select 1 from support_cases limit 1`;
      const started = Date.now();
      await expect(migrator.migrate()).rejects.toThrow(/lock timeout/);
      expect(Date.now() - started).toBeLessThan(3000);
    });
    expect(await migrator.pending()).toEqual([99]);
  });

  it('builds an index concurrently in a no-transaction migration', async () => {
    const files = withExtra({
      '0099_title_index.sql': [
        '-- migrate: no-transaction',
        '-- A failed concurrent build leaves an invalid index: drop it first.',
        'drop index concurrently if exists support_cases_title_lower_idx;',
        'create index concurrently support_cases_title_lower_idx on support_cases (lower(title));',
        '',
      ].join('\n'),
    });
    expect(files.at(-1)).toMatchObject({ version: 99, transactional: false });
    const migrator = new Migrator(db.url, files);
    expect((await migrator.migrate()).at(-1)?.version).toBe(99);
    const [index] = await db.sql<{ valid: boolean }[]>`
      select i.indisvalid as valid from pg_index i
      where i.indexrelid = 'support_cases_title_lower_idx'::regclass`;
    expect(index.valid).toBe(true);
    expect(await migrator.pending()).toEqual([]);
  });
});
