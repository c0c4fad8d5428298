/**
 * An open transaction. Use cases hand it from the unit of work to repositories and never
 * look inside; only the adapter that opened it can (see `sqlOf` in the database library).
 */
export abstract class Transaction {
  // Nominal: an arbitrary object is not a Transaction, only the adapters' subclasses are.
  declare private readonly opaque: never;
}

/**
 * Runs work in one transaction: it commits when `work` resolves and rolls back when it
 * throws. Given `within`, an open transaction, the work joins it instead, and whoever opened
 * it commits or rolls back (so a use case can be part of a larger unit, such as an
 * idempotent request whose stored response commits with the write).
 */
export abstract class UnitOfWork {
  abstract run<T>(work: (tx: Transaction) => Promise<T>, within?: Transaction): Promise<T>;
}
