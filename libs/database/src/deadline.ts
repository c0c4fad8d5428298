import type postgres from 'postgres';
import { DatabaseUnavailableError } from './database.errors.js';

/**
 * One database call's deadline. When it passes, the caller is answered at once; work still
 * queued never starts, statements in flight are cancelled on the server, and a transaction
 * that has not begun to commit can no longer commit. A transaction whose COMMIT was already
 * sent is waited for instead: only the server knows whether it took, so the caller gets
 * its real outcome, a little late, rather than a 503 for a change that then commits.
 *
 * The caller may also give up first (`cancel`: a client that went away): the call then
 * ends the same way, rejected with the signal's reason instead of a timeout.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly started: postgres.PendingQuery<postgres.Row[]>[] = [];
  private committing = false;

  private readonly cancel: AbortSignal | undefined;
  private readonly onCancel = () => this.stop(this.cancel!.reason);

  constructor(timeoutMs: number, onExpire: () => void, cancel?: AbortSignal) {
    if (cancel) {
      this.cancel = cancel;
      if (cancel.aborted) this.stop(cancel.reason);
      else cancel.addEventListener('abort', this.onCancel, { once: true });
    }
    if (timeoutMs <= 0) return;
    this.timer = setTimeout(() => {
      if (this.committing) return;
      onExpire();
      this.stop(new DatabaseUnavailableError('timeout'));
    }, timeoutMs);
  }

  private stop(reason: unknown): void {
    if (this.committing || this.expired) return;
    this.controller.abort(reason);
    for (const query of this.started) {
      // Only statements handed to the driver: a fragment (a query never run on its own)
      // would be rejected with nobody listening. Finished ones ignore the cancel.
      if (!(query as { executed?: boolean }).executed) continue;
      // A cancel is a connection of its own; when it cannot be made (the server is
      // unreachable) the statement is left to the statement timeout. The promise is ours
      // by the postgres.js patch in patches/.
      Promise.resolve(query.cancel() as unknown).catch(() => undefined);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  /**
   * `sql` (the pool or a transaction) with every statement it starts tracked, so the
   * deadline can cancel it, and refused once the deadline has passed.
   */
  track<S extends postgres.Sql | postgres.TransactionSql>(sql: S): S {
    return new Proxy(sql, {
      apply: (target, thisArg, args: unknown[]) => {
        this.signal.throwIfAborted();
        const result: unknown = Reflect.apply(target, thisArg, args);
        // Not awaited here: a postgres.js query runs when it is awaited, and a fragment
        // must never run on its own.
        if (isQuery(result)) this.started.push(result);
        return result;
      },
    });
  }

  /** Called as a transaction's work returns: past this point the outcome is the server's. */
  beginCommit(): void {
    this.signal.throwIfAborted();
    this.committing = true;
  }

  /** Settles as `work` does, or rejects when the deadline passes first. */
  async race<T>(work: Promise<T>): Promise<T> {
    if (this.timer === undefined && this.cancel === undefined) return work;
    const expired = new Promise<never>((_, reject) => {
      if (this.expired) reject(this.signal.reason);
      this.signal.addEventListener('abort', () => reject(this.signal.reason), { once: true });
    });
    // The losing side must not surface as an unhandled rejection.
    expired.catch(() => undefined);
    work.catch(() => undefined);
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(this.timer);
      this.cancel?.removeEventListener('abort', this.onCancel);
    }
  }
}

function isQuery(value: unknown): value is postgres.PendingQuery<postgres.Row[]> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { cancel?: unknown }).cancel === 'function' &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
