import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

export interface MigrationFile {
  version: number;
  name: string;
  checksum: string;
  sql: string;
  /**
   * False for a file headed `-- migrate: no-transaction` (what `create index
   * concurrently` needs): its statements run one by one, outside a transaction.
   */
  transactional: boolean;
  rollbackSql: string | undefined;
  /** Tables whose rows the rollback deletes, from its `-- destroys: a, b` header. */
  destroys: string[];
}

/** The two roles of a least-privilege deployment; see {@link Migrator.migrate}. */
export interface DatabaseRoles {
  /** Owns every table and function (NOLOGIN); migrations run as it. */
  owner: string;
  /** The service's runtime role (LOGIN): reads and appends, nothing more (db/grants.sql). */
  app: string;
  /** Set on the runtime role when it is created (or, for an administrator, updated). */
  appPassword?: string;
}

export interface MigratorOptions {
  /** Unset: migrations run as the connecting user, and no roles are managed. */
  roles?: DatabaseRoles;
  /**
   * Longest a migration waits for a table lock before it fails (and can be retried). An
   * ALTER waiting on a long transaction would otherwise queue every query behind it.
   */
  lockTimeoutMs?: number;
}

export interface MigrationStatus {
  version: number;
  name: string;
  state: 'applied' | 'pending' | 'changed' | 'missing-file';
  appliedAt: Date | null;
}

/** `0001_cases`: a migration as its file is named. */
export const migrationLabel = (m: { version: number; name: string }): string =>
  `${String(m.version).padStart(4, '0')}_${m.name}`;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** How often a runner waiting for another to finish tries the migration lock again. */
const LOCK_POLL_MS = 200;

const NO_TRANSACTION = /^-- migrate: no-transaction\s*$/m;
const DESTROYS = /^-- destroys: (.+)$/m;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
// Any constant works; it only has to be the same for every runner of this schema.
const ADVISORY_LOCK_KEY = 7_210_113_001;

/** `db/` at the repository root, found from this file whether it runs from source or dist. */
export function defaultMigrationsRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i += 1) {
    if (existsSync(join(dir, 'db', 'migrations'))) return join(dir, 'db');
    dir = dirname(dir);
  }
  return resolve('db');
}

export function readMigrationFiles(root = defaultMigrationsRoot()): MigrationFile[] {
  const migrationsDir = join(root, 'migrations');
  const rollbackDir = join(root, 'rollback');
  return readdirSync(migrationsDir)
    .filter((file) => FILE_PATTERN.test(file))
    .sort()
    .map((file) => {
      const [, version, name] = FILE_PATTERN.exec(file)!;
      const sql = readFileSync(join(migrationsDir, file), 'utf8');
      const rollbackPath = join(rollbackDir, file);
      const rollbackSql = existsSync(rollbackPath) ? readFileSync(rollbackPath, 'utf8') : undefined;
      const destroys = (DESTROYS.exec(rollbackSql ?? '')?.[1] ?? '')
        .split(',')
        .map((table) => table.trim())
        .filter((table) => table !== '');
      const bad = destroys.find((table) => !IDENTIFIER.test(table));
      if (bad) throw new MigrationError(`rollback/${file}: "${bad}" is not a table name`);
      return {
        version: Number(version),
        name,
        checksum: createHash('sha256').update(sql).digest('hex'),
        sql,
        transactional: !NO_TRANSACTION.test(sql),
        rollbackSql,
        destroys,
      };
    });
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
  applied_at: Date;
}

/**
 * Applies `db/migrations/NNNN_name.sql` files in order, each in its own transaction, and
 * records them in `schema_migrations`. A session advisory lock makes concurrent runners
 * (two replicas starting at once) take turns; the second one finds nothing to do.
 */
export class Migrator {
  private readonly lockTimeoutMs: number;
  private readonly roles: DatabaseRoles | undefined;

  constructor(
    private readonly url: string,
    private readonly files: MigrationFile[] = readMigrationFiles(),
    options: MigratorOptions = {},
  ) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? 5000;
    this.roles = options.roles;
    for (const role of options.roles ? [options.roles.owner, options.roles.app] : []) {
      if (!IDENTIFIER.test(role)) throw new MigrationError(`"${role}" is not a role name`);
    }
  }

  async status(): Promise<MigrationStatus[]> {
    return this.withConnection(async (sql) => statusOf(this.files, await applied(sql)));
  }

  /** Versions that are on disk but not applied (empty when the schema is current). */
  async pending(): Promise<number[]> {
    return this.withConnection((sql) => pendingMigrations(sql, this.files));
  }

  /**
   * Applies what is pending. With roles: creates them (or, for a user that may not create
   * roles, checks they exist), hands every table and function to the owner role, runs the
   * migrations as the owner, grants the runtime role what db/grants.sql says, and checks
   * that the runtime role holds no more than that.
   */
  async migrate(): Promise<MigrationFile[]> {
    return this.withLock(async (sql) => {
      const done = await applied(sql);
      assertUnchanged(this.files, done);
      const pending = this.files.filter((file) => !done.has(file.version));
      if (this.roles) await prepareRoles(sql, this.roles);
      for (const file of pending) {
        const record = (q: postgres.Sql | postgres.TransactionSql) => q`
          insert into schema_migrations (version, name, checksum)
          values (${file.version}, ${file.name}, ${file.checksum})`;
        if (file.transactional) {
          await sql.begin(async (tx) => {
            await tx`select set_config('lock_timeout', ${`${this.lockTimeoutMs}ms`}, true)`;
            await tx.unsafe(file.sql);
            await record(tx);
          });
        } else {
          await this.runOutsideTransaction(sql, file);
          await record(sql);
        }
      }
      if (this.roles) await grantRuntimeRole(sql, this.roles);
      return pending;
    });
  }

  /**
   * Rolls back the last `steps` applied migrations, newest first. A rollback that would
   * delete rows (its file's `-- destroys:` tables hold data) is refused unless `force`.
   */
  async rollback(steps = 1, { force = false } = {}): Promise<MigrationFile[]> {
    return this.withLock(async (sql) => {
      const done = await applied(sql);
      const versions = [...done.keys()].sort((a, b) => b - a).slice(0, steps);
      const targets = versions.map((version) => {
        const file = this.files.find((candidate) => candidate.version === version);
        if (!file?.rollbackSql) {
          throw new MigrationError(`no rollback file for applied migration ${version}`);
        }
        return file;
      });
      if (!force) await assertNothingDestroyed(sql, targets);
      for (const file of targets) {
        await sql.begin(async (tx) => {
          await tx`select set_config('lock_timeout', ${`${this.lockTimeoutMs}ms`}, true)`;
          await tx.unsafe(file.rollbackSql!);
          await tx`delete from schema_migrations where version = ${file.version}`;
        });
      }
      return targets;
    });
  }

  /**
   * Statements one at a time, as `create index concurrently` requires (not even an
   * implicit transaction around several). A failed concurrent build leaves an invalid
   * index behind: such files start by dropping it (`drop index concurrently if exists`).
   */
  private async runOutsideTransaction(sql: postgres.Sql, file: MigrationFile): Promise<void> {
    if (file.sql.includes('$$')) {
      throw new MigrationError(
        `${migrationLabel(file)}: a no-transaction migration cannot hold dollar-quoted bodies`,
      );
    }
    await sql`select set_config('lock_timeout', ${`${this.lockTimeoutMs}ms`}, false)`;
    try {
      for (const statement of splitStatements(file.sql)) await sql.unsafe(statement);
    } finally {
      await sql`select set_config('lock_timeout', '0', false)`;
    }
  }

  private async withLock<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
    return this.withConnection(async (sql) => {
      // Polled, never waited for inside a statement: a statement waiting for the lock
      // holds a snapshot, and `create index concurrently` in the runner holding the lock
      // waits for every such snapshot to go away (a deadlock the server breaks by failing one).
      while (!(await sql`select pg_try_advisory_lock(${ADVISORY_LOCK_KEY}) as taken`)[0].taken) {
        await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      }
      try {
        await sql`
          create table if not exists schema_migrations (
            version integer primary key,
            name text not null,
            checksum char(64) not null,
            applied_at timestamptz not null default now()
          )`;
        return await work(sql);
      } finally {
        await sql`select pg_advisory_unlock(${ADVISORY_LOCK_KEY})`;
      }
    });
  }

  private async withConnection<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
    // One connection, so the session-level advisory lock covers every statement.
    const sql = postgres(this.url, { max: 1, onnotice: () => undefined, connect_timeout: 10 });
    try {
      return await work(sql);
    } finally {
      await sql.end({ timeout: 5 });
    }
  }
}

/**
 * Versions on disk that the database has not applied, asked on a connection the caller
 * already has (the service's readiness probe uses its pool).
 */
export async function pendingMigrations(
  sql: postgres.Sql,
  files: MigrationFile[] = readMigrationFiles(),
): Promise<number[]> {
  const rows = statusOf(files, await applied(sql));
  return rows.filter((row) => row.state === 'pending').map((row) => row.version);
}

async function prepareRoles(sql: postgres.Sql, roles: DatabaseRoles): Promise<void> {
  const [me] = await sql<{ name: string; admin: boolean }[]>`
    select current_user as name, rolsuper or rolcreaterole as admin
    from pg_roles where rolname = current_user`;
  const existing = new Set(
    (
      await sql<{ rolname: string }[]>`
        select rolname from pg_roles where rolname in (${roles.owner}, ${roles.app})`
    ).map((row) => row.rolname),
  );
  const password = roles.appPassword
    ? sql.unsafe(`'${roles.appPassword.replace(/'/g, "''")}'`)
    : null;
  if (!me.admin) {
    const missing = [roles.owner, roles.app].filter((role) => !existing.has(role));
    if (missing.length > 0) {
      throw new MigrationError(
        `role ${missing.join(' and ')} does not exist, and ${me.name} may not create roles: ` +
          'run db:migrate once as an administrator (MIGRATION_DATABASE_URL), or create them',
      );
    }
  } else {
    if (!existing.has(roles.owner)) await sql`create role ${sql(roles.owner)} nologin`;
    if (!existing.has(roles.app)) {
      await sql`create role ${sql(roles.app)} login ${password ? sql`password ${password}` : sql``}`;
    } else if (password) {
      await sql`alter role ${sql(roles.app)} password ${password}`;
    }
    // A superuser needs no membership; a CREATEROLE user needs it to hand objects over
    // and to SET ROLE. Granting it twice is harmless, refusing it is not ours to fix.
    await sql`grant ${sql(roles.owner)} to ${sql(me.name)}`.catch(() => undefined);
    const [{ db }] = await sql<{ db: string }[]>`select current_database() as db`;
    await sql`grant create, usage on schema public to ${sql(roles.owner)}`;
    await sql`grant create on database ${sql(db)} to ${sql(roles.owner)}`;
  }
  // Hand over what earlier runs (or another user) created, extensions' own members aside.
  const owned = await sql<{ kind: string; name: string }[]>`
    select case when c.relkind = 'S' then 'sequence' else 'table' end as kind,
           c.relname as name
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'S')
      and c.relowner <> ${roles.owner}::regrole
      and not exists (select 1 from pg_depend d
                      where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
    union all
    select 'function', p.oid::regprocedure::text
    from pg_proc p
    where p.pronamespace = 'public'::regnamespace and p.proowner <> ${roles.owner}::regrole
      and not exists (select 1 from pg_depend d
                      where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`;
  for (const { kind, name } of owned) {
    const target = kind === 'function' ? sql.unsafe(name) : sql(name);
    await sql`alter ${sql.unsafe(kind)} ${target} owner to ${sql(roles.owner)}`;
  }
  await sql`set role ${sql(roles.owner)}`;
}

const GRANTS_FILE = 'grants.sql';

async function grantRuntimeRole(sql: postgres.Sql, roles: DatabaseRoles): Promise<void> {
  const grants = readFileSync(join(defaultMigrationsRoot(), GRANTS_FILE), 'utf8').replaceAll(
    '{{app}}',
    `"${roles.app}"`,
  );
  await sql.begin((tx) => tx.unsafe(grants));
  await sql`reset role`;
  const [app] = await sql<{ elevated: boolean; member: boolean; owns: boolean }[]>`
    select r.rolsuper or r.rolcreaterole or r.rolcreatedb or r.rolbypassrls or r.rolreplication
             as elevated,
           pg_has_role(r.oid, ${roles.owner}::regrole, 'member') as member,
           exists (select 1 from pg_class c where c.relowner = r.oid
                   and c.relnamespace = 'public'::regnamespace) as owns
    from pg_roles r where r.rolname = ${roles.app}`;
  if (!app || app.elevated || app.member || app.owns) {
    throw new MigrationError(
      `role ${roles.app} must be a plain login role that owns nothing and is no member of ` +
        `${roles.owner} (a superuser, or the owner, could switch the append-only triggers off)`,
    );
  }
}

/** Statements of a file without dollar quoting: split where a line ends in `;`. */
function splitStatements(text: string): string[] {
  return text
    .split(/;[ \t]*(?:--[^\n]*)?$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement !== '');
}

async function assertNothingDestroyed(sql: postgres.Sql, targets: MigrationFile[]): Promise<void> {
  for (const file of targets) {
    for (const table of file.destroys) {
      const [{ present }] = await sql<{ present: boolean }[]>`
        select to_regclass(${table}) is not null as present`;
      const held = present && (await sql`select 1 from ${sql(table)} limit 1`).length > 0;
      if (held) {
        throw new MigrationError(
          `rolling back ${migrationLabel(file)} would delete the rows of ${table}; ` +
            'back the database up first, then pass --force',
        );
      }
    }
  }
}

async function applied(sql: postgres.Sql): Promise<Map<number, AppliedRow>> {
  const [{ exists }] = await sql<{ exists: boolean }[]>`
    select to_regclass('schema_migrations') is not null as exists`;
  if (!exists) return new Map();
  const rows = await sql<AppliedRow[]>`
    select version, name, checksum, applied_at from schema_migrations order by version`;
  return new Map(rows.map((row) => [row.version, row]));
}

function assertUnchanged(files: MigrationFile[], done: Map<number, AppliedRow>): void {
  const changed = files.filter((file) => {
    const row = done.get(file.version);
    return row !== undefined && row.checksum !== file.checksum;
  });
  if (changed.length > 0) {
    const list = changed.map(migrationLabel).join(', ');
    throw new MigrationError(
      `applied migrations were edited after they ran (${list}); add a new migration instead`,
    );
  }
}

function statusOf(files: MigrationFile[], done: Map<number, AppliedRow>): MigrationStatus[] {
  const onDisk = files.map((file): MigrationStatus => {
    const row = done.get(file.version);
    const state = !row ? 'pending' : row.checksum === file.checksum ? 'applied' : 'changed';
    return { version: file.version, name: file.name, state, appliedAt: row?.applied_at ?? null };
  });
  const missing = [...done.values()]
    .filter((row) => !files.some((file) => file.version === row.version))
    .map((row): MigrationStatus => ({
      version: row.version,
      name: row.name,
      state: 'missing-file',
      appliedAt: row.applied_at,
    }));
  return [...onDisk, ...missing].sort((a, b) => a.version - b.version);
}
