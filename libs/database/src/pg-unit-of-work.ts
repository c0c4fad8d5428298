import { Inject, Injectable } from '@nestjs/common';
import { runCommitEffects, Transaction, UnitOfWork } from '@app/core';
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

  async run<T>(work: (tx: Transaction) => Promise<T>, within?: Transaction): Promise<T> {
    if (within) {
      sqlOf(within); // throws unless this adapter opened it
      return work(within);
    }
    let tx: PgTransaction | undefined;
    const result = await this.db.transaction((sql) => work((tx = new PgTransaction(sql))));
    runCommitEffects(tx!);
    return result;
  }
}

/** The postgres.js transaction behind a handle that {@link PgUnitOfWork} opened. */
export function sqlOf(tx: Transaction): Tx {
  if (!(tx instanceof PgTransaction)) {
    throw new TypeError('not a transaction opened by PgUnitOfWork');
  }
  return tx.sql;
}
