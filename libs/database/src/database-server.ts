import { RunningEmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

/** The database the service uses on the embedded server. */
const EMBEDDED_DATABASE = 'case_tracker';

export interface DatabaseServerSettings {
  /** Unset: the embedded server is used. */
  readonly databaseUrl: string | undefined;
  readonly embedded: { readonly port: number; readonly dataDir: string };
}

export interface DatabaseServer {
  readonly url: string;
  /** Set when this process started (or shares) the embedded server. */
  readonly embedded: RunningEmbeddedPostgres | undefined;
  /** Stops the embedded server if this process started it; a no-op for DATABASE_URL. */
  stop(): Promise<void>;
}

/**
 * Where the service, the migration CLI and the audit CLI find their database:
 * DATABASE_URL when it is set, else the embedded PostgreSQL of `npm start` (started, or
 * shared when another process already runs it on the same data folder).
 */
export async function openDatabaseServer(
  settings: DatabaseServerSettings,
  onEmbeddedStart: () => void = () => undefined,
): Promise<DatabaseServer> {
  if (settings.databaseUrl) {
    return { url: settings.databaseUrl, embedded: undefined, stop: async () => undefined };
  }
  onEmbeddedStart();
  const embedded = await startEmbeddedPostgres(settings.embedded);
  const url = await embedded.ensureDatabase(EMBEDDED_DATABASE);
  return { url, embedded, stop: () => embedded.stop() };
}
