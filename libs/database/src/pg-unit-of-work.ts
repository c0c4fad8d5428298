import { Inject, Injectable } from '@nestjs/common';
import { Transaction, UnitOfWork } from '@app/core';
import { Database, Tx } from './database.js';

class PgTransaction extends Transaction {
  constructor(readonly sql: Tx) {
    super();
  }
}

/** Transactions on the process's pool, through its gate and deadline. */
@Injectable()
export class PgUnitOfWork extends UnitOfWork {
  constructor(@Inject(Database) private readonly db: Database) {
    super();
  }

  run<T>(work: (tx: Transaction) => Promise<T>, within?: Transaction): Promise<T> {
    if (within) {
      sqlOf(within);
      return work(within);
    }
    return this.db.transaction((sql) => work(new PgTransaction(sql)));
  }
}

/** The postgres.js transaction behind a handle that {@link PgUnitOfWork} opened. */
export function sqlOf(tx: Transaction): Tx {
  if (!(tx instanceof PgTransaction)) {
    throw new TypeError('not a transaction opened by PgUnitOfWork');
  }
  return tx.sql;
}
