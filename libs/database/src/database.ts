import postgres from 'postgres';
import { Gate } from './gate.js';
import { DatabaseUnavailableError, translateDatabaseError } from './database.errors.js';
import { parseTimestamptz } from './timestamps.js';

const TIMESTAMPTZ_OID = 1184;

/** `unavailable`: the server was away or too slow; `failed`: any other query error. */
export type DatabaseErrorKind = 'unavailable' | 'failed';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;
/** Anything that runs tagged-template SQL: the pool or an open transaction. */
export type Queryable = Sql | Tx;

export interface DatabaseOptions {
  url: string;
  poolMax: number;
  connectTimeoutSeconds: number;
  idleTimeoutSeconds: number;
  statementTimeoutMs: number;
  /**
   * Longest a caller waits (for a connection and the work) before it gets
   * DatabaseUnavailableError. Bounds requests when the server stalls, which no
   * server-side timeout can do.
   */
  requestTimeoutMs?: number;
  applicationName: string;
  /** Sees every statement with its parameters (development tools: EXPLAIN, tracing). */
  debug?: (statement: string, parameters: unknown[]) => void;
}

/**
 * Seconds before a pooled connection tries the server again, after `failures` failed
 * attempts across the pool: 50 ms doubling up to 1 s, with jitter. postgres.js's
 * default (3^failures / 100 s, up to 20 s) kept the pool away for 10-20 s after an
 * outage of a few seconds under load, every request meanwhile waiting out its deadline.
 * Refused connections cost the server nothing, so a short ceiling is cheap.
 */
const reconnectDelaySeconds = (failures: number): number =>
  Math.min(0.05 * 2 ** failures, 1) * (0.5 + Math.random() / 2);

/**
 * The one connection pool of the process. Every query and transaction goes through
 * {@link Gate} and has its driver errors translated, so repositories never see a
 * `PostgresError` for an outage.
 */
export class Database {
  readonly sql: Sql;
  private readonly gate: Gate;
  private readonly errorListeners: Array<(kind: DatabaseErrorKind) => void> = [];
  private readonly requestTimeoutMs: number;

  constructor(options: DatabaseOptions) {
    this.sql = postgres(options.url, {
      max: options.poolMax,
      connect_timeout: options.connectTimeoutSeconds,
      idle_timeout: options.idleTimeoutSeconds,
      max_lifetime: 60 * 30,
      backoff: reconnectDelaySeconds,
      onnotice: () => undefined,
      types: {
        timestamptz: {
          to: TIMESTAMPTZ_OID,
          from: [TIMESTAMPTZ_OID],
          serialize: (x: Date | string) => (x instanceof Date ? x : new Date(x)).toISOString(),
          parse: parseTimestamptz,
        },
      },
      ...(options.debug
        ? {
            debug: (_connection: number, statement: string, parameters: unknown[]) =>
              options.debug!(statement, parameters),
          }
        : {}),
      connection: {
        application_name: options.applicationName,
        statement_timeout: options.statementTimeoutMs,
        idle_in_transaction_session_timeout: options.statementTimeoutMs * 2,
        TimeZone: 'UTC',
      },
    });
    this.gate = new Gate(options.poolMax);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 0;
  }

  /** Runs one or more statements outside a transaction. */
  query<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.withDeadline(this.gate.run(() => this.guard(() => work(this.sql))));
  }

  /** Runs `work` in a transaction that commits when it resolves and rolls back when it throws. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withDeadline(
      this.gate.run(() => this.guard(() => this.sql.begin((tx) => work(tx)) as Promise<T>)),
    );
  }

  /** Called with the kind of every failed query or transaction (for metrics). */
  onError(listener: (kind: DatabaseErrorKind) => void): void {
    this.errorListeners.push(listener);
  }

  /** Queries running now, and queries waiting for a connection. */
  load(): { active: number; waiting: number } {
    return { active: this.gate.active, waiting: this.gate.pending };
  }

  /** True when the server answers `select 1` within `timeoutMs`. */
  async ping(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const probe = this.sql`select 1`.then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The caller stops waiting at the deadline; the work itself goes on until the driver
   * settles it (a transaction then commits or rolls back whole), and only then frees its
   * slot, so a stalled server never gets more than `poolMax` calls at once.
   */
  private async withDeadline<T>(work: Promise<T>): Promise<T> {
    if (this.requestTimeoutMs <= 0) return work;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.notify('unavailable');
        reject(new DatabaseUnavailableError('timeout'));
      }, this.requestTimeoutMs);
    });
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private notify(kind: DatabaseErrorKind): void {
    for (const listener of this.errorListeners) listener(kind);
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const translated = translateDatabaseError(error);
      // Domain errors thrown inside a transaction are not database errors.
      const kind: DatabaseErrorKind | null =
        translated instanceof DatabaseUnavailableError
          ? 'unavailable'
          : error instanceof postgres.PostgresError
            ? 'failed'
            : null;
      if (kind) this.notify(kind);
      throw translated;
    }
  }

  async close(timeoutSeconds = 5): Promise<void> {
    await this.sql.end({ timeout: timeoutSeconds });
  }
}
