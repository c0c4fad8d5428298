import postgres from 'postgres';
import { Gate } from './gate.js';
import { translateDatabaseError } from './database.errors.js';

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
  applicationName: string;
}

/**
 * The one connection pool of the process. Every query and transaction goes through
 * {@link Gate} and has its driver errors translated, so repositories never see a
 * `PostgresError` for an outage.
 */
export class Database {
  readonly sql: Sql;
  private readonly gate: Gate;

  constructor(options: DatabaseOptions) {
    this.sql = postgres(options.url, {
      max: options.poolMax,
      connect_timeout: options.connectTimeoutSeconds,
      idle_timeout: options.idleTimeoutSeconds,
      max_lifetime: 60 * 30,
      onnotice: () => undefined,
      connection: {
        application_name: options.applicationName,
        statement_timeout: options.statementTimeoutMs,
        idle_in_transaction_session_timeout: options.statementTimeoutMs * 2,
        TimeZone: 'UTC',
      },
    });
    this.gate = new Gate(options.poolMax);
  }

  /** Runs one or more statements outside a transaction. */
  query<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.gate.run(() => guard(() => work(this.sql)));
  }

  /** Runs `work` in a transaction that commits when it resolves and rolls back when it throws. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.gate.run(() => guard(() => this.sql.begin((tx) => work(tx)) as Promise<T>));
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

  async close(timeoutSeconds = 5): Promise<void> {
    await this.sql.end({ timeout: timeoutSeconds });
  }
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
