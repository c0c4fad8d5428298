import postgres from 'postgres';
import { Gate, GateFullError } from './gate.js';
import { DatabaseUnavailableError, translateDatabaseError } from './database.errors.js';
import { Deadline } from './deadline.js';
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
   * server-side timeout can do; see {@link Deadline} for what happens to the work.
   */
  requestTimeoutMs?: number;
  /** Callers that may wait for a connection; beyond, a call is refused at once. */
  maxQueued?: number;
  applicationName: string;
  /** Sees every statement with its parameters (development tools: EXPLAIN, tracing). */
  debug?: (statement: string, parameters: unknown[]) => void;
}

export interface CallOptions {
  /**
   * Aborted when the caller gives up (its client went away): the call is rejected with the
   * signal's reason, a queued call never starts and a statement in flight is cancelled on
   * the server, as when the deadline passes (but not counted as the database's failure).
   */
  signal?: AbortSignal;
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
  private arrayTypesKnown = false;

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
    this.gate = new Gate(options.poolMax, options.maxQueued);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 0;
  }

  /**
   * Runs one or more statements outside a transaction. A long read is many such calls
   * (one page each), every one admitted through the gate and bounded by its own deadline,
   * so it never holds a connection between pages; `signal` ends the call early when its
   * caller no longer wants the answer (the statement in flight is cancelled).
   */
  query<T>(work: (sql: Sql) => Promise<T>, options: CallOptions = {}): Promise<T> {
    const deadline = this.deadline(options.signal);
    return deadline.race(this.admit(deadline, () => work(deadline.track(this.sql))));
  }

  /**
   * Runs `work` in a transaction that commits when it resolves and rolls back when it
   * throws, or when its deadline passes before it returns.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>, options: CallOptions = {}): Promise<T> {
    const deadline = this.deadline(options.signal);
    return deadline.race(
      this.admit(
        deadline,
        () =>
          this.sql.begin(async (tx) => {
            const result = await work(deadline.track(tx));
            deadline.beginCommit();
            return result;
          }) as Promise<T>,
      ),
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

  private deadline(signal: AbortSignal | undefined): Deadline {
    return new Deadline(this.requestTimeoutMs, () => this.notify('unavailable'), signal);
  }

  /**
   * Through the gate, with driver errors translated. The slot is held until the driver
   * settles the work, even after the caller's deadline, so a stalled server never has
   * more than `poolMax` calls at once; the queue in front of it is bounded.
   */
  private async admit<T>(deadline: Deadline, work: () => Promise<T>): Promise<T> {
    try {
      return await this.gate.run(() => this.withArrayTypes(work), deadline.signal);
    } catch (error) {
      if (error instanceof GateFullError) {
        this.notify('unavailable');
        throw new DatabaseUnavailableError('queue full');
      }
      const translated = translateDatabaseError(error);
      // Domain errors thrown inside a transaction are not database errors, a call past its
      // deadline was counted when the deadline passed, and a cancelled one is no failure.
      const kind: DatabaseErrorKind | null = deadline.expired
        ? null
        : translated instanceof DatabaseUnavailableError
          ? 'unavailable'
          : error instanceof postgres.PostgresError
            ? 'failed'
            : null;
      if (kind) this.notify(kind);
      throw translated;
    }
  }

  /**
   * postgres.js learns the server's array types with its first connection, but types the
   * parameters of a statement built before that by their elements: `sql.array(['a'])` in
   * the process's first statement goes as text, and PostgreSQL refuses it as a malformed
   * array literal (porsager/postgres#789). Until one statement has run, each call waits
   * for a `select 1` (whichever connection runs it, the types are shared by the pool).
   */
  private async withArrayTypes<T>(work: () => Promise<T>): Promise<T> {
    if (!this.arrayTypesKnown) {
      await this.sql`select 1`;
      this.arrayTypesKnown = true;
    }
    return work();
  }

  private notify(kind: DatabaseErrorKind): void {
    for (const listener of this.errorListeners) listener(kind);
  }

  async close(timeoutSeconds = 5): Promise<void> {
    await this.sql.end({ timeout: timeoutSeconds });
  }
}
