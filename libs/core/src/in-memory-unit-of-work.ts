import { runCommitEffects, Transaction, UnitOfWork } from './unit-of-work.js';

class InMemoryTransaction extends Transaction {}

/**
 * A unit of work for unit tests of use cases with in-memory repositories. It isolates
 * nothing and undoes nothing; it counts what committed and what rolled back, so a test
 * can assert that a refused command rolled back.
 */
export class InMemoryUnitOfWork extends UnitOfWork {
  committed = 0;
  rolledBack = 0;

  async run<T>(work: (tx: Transaction) => Promise<T>, within?: Transaction): Promise<T> {
    if (within) return work(within);
    const tx = new InMemoryTransaction();
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      this.rolledBack += 1;
      throw error;
    }
    this.committed += 1;
    runCommitEffects(tx);
    return result;
  }
}
