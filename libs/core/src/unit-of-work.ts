const effects = new WeakMap<Transaction, Array<() => void>>();

/**
 * An open transaction. Use cases hand it from the unit of work to repositories and never
 * look inside; only the adapter that opened it can (see `sqlOf` in the database library).
 */
export abstract class Transaction {
  // Nominal: an arbitrary object is not a Transaction, only the adapters' subclasses are.
  declare private readonly opaque: never;

  /**
   * Runs `effect` once this transaction has committed, and never if it rolls back: the
   * metrics and logs of what it wrote. Work that joined a larger unit cannot know when that
   * unit commits; its owner runs these.
   */
  afterCommit(effect: () => void): void {
    const registered = effects.get(this);
    if (registered) registered.push(effect);
    else effects.set(this, [effect]);
  }
}

/** For unit-of-work adapters: the effects registered on a transaction they have committed. */
export function runCommitEffects(tx: Transaction): void {
  const registered = effects.get(tx) ?? [];
  effects.delete(tx);
  for (const effect of registered) effect();
}

/**
 * Runs work in one transaction: it commits when `work` resolves and rolls back when it
 * throws, then runs the transaction's {@link Transaction.afterCommit} effects. Given
 * `within`, an open transaction, the work joins it instead, and whoever opened it commits
 * or rolls back (so a use case can be part of a larger unit, such as an idempotent request
 * whose stored response commits with the write).
 */
export abstract class UnitOfWork {
  abstract run<T>(work: (tx: Transaction) => Promise<T>, within?: Transaction): Promise<T>;
}
