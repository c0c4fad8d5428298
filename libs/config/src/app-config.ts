/** The service's configuration, read once from the environment at boot (12-factor). */
export interface AppConfig {
  readonly serviceName: string;
  readonly version: string;
  readonly host: string;
  readonly port: number;
  /** The service's connection (its runtime role). Unset: an embedded PostgreSQL is started (see `embedded`). */
  readonly databaseUrl: string | undefined;
  /** Migrations' connection (an administrator or the owner role); unset: `databaseUrl`. */
  readonly migrationDatabaseUrl: string | undefined;
  /**
   * Least-privilege roles that db:migrate creates or checks. `app` unset (and no embedded
   * server): none are managed, and everything runs as the connecting user.
   */
  readonly roles: {
    readonly owner: string;
    readonly app: string | undefined;
    readonly appPassword: string | undefined;
  };
  readonly embedded: { readonly port: number; readonly dataDir: string };
  readonly db: {
    readonly poolMax: number;
    readonly connectTimeoutSeconds: number;
    readonly idleTimeoutSeconds: number;
    readonly statementTimeoutMs: number;
    /** Calls that may wait for a pool connection; beyond, a request is answered 503 at once. */
    readonly maxQueued: number;
  };
  readonly migrateOnStart: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly logPretty: boolean;
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  /** Requests per client (IP) and minute on the API; health and metrics are exempt. */
  readonly rateLimitPerMinute: number;
  /** Longest a request waits on the database before it is answered 503. */
  readonly dbRequestTimeoutMs: number;
  /**
   * Lists whose search term the trigram index cannot narrow (they read the whole table):
   * how many run at once, how many one client may have running or waiting (429 beyond),
   * and how many may wait for how long (503 beyond).
   */
  readonly expensiveLists: {
    readonly concurrency: number;
    readonly perClient: number;
    readonly maxWaiting: number;
    readonly maxWaitMs: number;
  };
  /**
   * Exports (GET /cases/export): how many run at once (503 beyond) and how many one client
   * may have running (429 beyond). None waits.
   */
  readonly exports: {
    readonly concurrency: number;
    readonly perClient: number;
  };
  /**
   * Lists of cases counted row by row (any filter the counters do not answer) stop counting
   * past this many matches: the total is then this lower bound, flagged `total_exact: false`.
   */
  readonly listExactTotalMax: number;
  /** Express `trust proxy`: hops of proxies whose X-Forwarded-For is believed (for the client IP). */
  readonly trustProxyHops: number;
  readonly shutdownTimeoutMs: number;
  /** Makes the event hash chain a keyed MAC (HMAC-SHA-256); unset: plain SHA-256. */
  readonly auditHmacKey: string | undefined;
  readonly auth: AuthConfig;
  /** How long an Idempotency-Key and its stored response are kept. */
  readonly idempotencyTtlHours: number;
  /** How often the writes queued for the aggregates are counted (0: never, by this process). */
  readonly aggregatesCountIntervalMs: number;
}

/**
 * Bearer tokens (JWT) on the API. `off` only for a local try-out: every request may then
 * act as anyone. Under `jwt` exactly one key source is set.
 */
export type AuthConfig =
  | { readonly mode: 'off' }
  | {
      readonly mode: 'jwt';
      /** HS256 secret, at least 32 bytes. */
      readonly secret: string | undefined;
      /** A JWKS document with RS256 or ES256 keys, fetched and cached. */
      readonly jwksUrl: string | undefined;
      readonly issuer: string | undefined;
      readonly audience: string | undefined;
      readonly clockToleranceSeconds: number;
    };

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
