import { DatabaseRoles, Migrator } from './migrator.js';
import { RunningEmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

/** The database the service uses on the embedded server. */
const EMBEDDED_DATABASE = 'case_tracker';
const EMBEDDED_APP_ROLE = 'case_tracker_app';

export interface DatabaseServerSettings {
  /** The runtime connection; unset: the embedded server is used. */
  readonly databaseUrl: string | undefined;
  /** The migrations' connection; unset: `databaseUrl`. */
  readonly migrationDatabaseUrl: string | undefined;
  readonly roles: {
    readonly owner: string;
    readonly app: string | undefined;
    readonly appPassword: string | undefined;
  };
  readonly embedded: { readonly port: number; readonly dataDir: string };
}

export interface DatabaseServer {
  /** What the service connects as: its runtime role when roles are managed. */
  readonly url: string;
  /** What migrations connect as: an administrator, or the owner. */
  readonly migrationUrl: string;
  /** The roles db:migrate creates or checks, when they are managed. */
  readonly roles: DatabaseRoles | undefined;
  /** Set when this process started (or shares) the embedded server. */
  readonly embedded: RunningEmbeddedPostgres | undefined;
  /** Stops the embedded server if this process started it; a no-op for DATABASE_URL. */
  stop(): Promise<void>;
}

/** The migrator for `server`: its migration connection, managing its roles if any. */
export const migratorFor = (server: DatabaseServer): Migrator =>
  new Migrator(server.migrationUrl, undefined, { roles: server.roles });

/**
 * Where the service, the migration CLI and the audit CLIs find their database:
 * DATABASE_URL (and MIGRATION_DATABASE_URL) when set, else the embedded PostgreSQL of
 * `npm start` (started, or shared when another process already runs it on the same data
 * folder), where the service runs as its own least-privilege role with a generated
 * password and migrations run as the superuser.
 */
export async function openDatabaseServer(
  settings: DatabaseServerSettings,
  onEmbeddedStart: () => void = () => undefined,
): Promise<DatabaseServer> {
  if (settings.databaseUrl) {
    const { app, owner, appPassword } = settings.roles;
    return {
      url: settings.databaseUrl,
      migrationUrl: settings.migrationDatabaseUrl ?? settings.databaseUrl,
      roles: app ? { owner, app, appPassword } : undefined,
      embedded: undefined,
      stop: async () => undefined,
    };
  }
  onEmbeddedStart();
  const embedded = await startEmbeddedPostgres(settings.embedded);
  const migrationUrl = await embedded.ensureDatabase(EMBEDDED_DATABASE);
  const app = settings.roles.app ?? EMBEDDED_APP_ROLE;
  const appPassword = embedded.credentials.appPassword;
  return {
    url: embedded.urlAs(app, appPassword, EMBEDDED_DATABASE),
    migrationUrl,
    roles: { owner: settings.roles.owner, app, appPassword },
    embedded,
    stop: () => embedded.stop(),
  };
}
