/**
 * An open transaction. Use cases hand it from the unit of work to repositories and never
 * look inside; only the adapter that opened it can (see `sqlOf` in the database library).
 */
export abstract class Transaction {
  // Nominal: an arbitrary object is not a Transaction, only the adapters' subclasses are.
  declare private readonly opaque: never;
}

/** Runs work in one transaction: it commits when `work` resolves and rolls back when it throws. */
export abstract class UnitOfWork {
  abstract run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}
