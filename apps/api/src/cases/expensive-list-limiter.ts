import { AppError, CoreErrors } from '@app/core';
import { Gate, GateFullError } from '@app/database';

export interface ExpensiveListLimits {
  /** Expensive lists running at once in the process. */
  concurrency: number;
  /** Expensive lists one client may have running or waiting; one more is a 429 at once. */
  perClient: number;
  /** Lists that may wait for a slot, first come first served; one more is a 503 at once. */
  maxWaiting: number;
  /** Longest a list waits for a slot before it is answered 503. */
  maxWaitMs: number;
}

/** What the short-search lists are called in the errors that refuse them. */
const SHORT_SEARCH_LISTS = 'list(s) with a short search (no 3 letters or digits in a row)';

/** The client already has its share of expensive lists running or waiting. */
export class ClientBusyError extends AppError {
  override readonly retryAfterSeconds = 1;

  constructor(perClient: number, what = SHORT_SEARCH_LISTS) {
    super(
      CoreErrors.RATE_LIMITED,
      `a client may have ${perClient} ${what} in progress at once; retry when one has answered`,
    );
  }
}

/** No slot came free within the wait limit, or too many lists were already waiting. */
export class ExpensiveListsBusyError extends AppError {
  constructor(
    readonly reason: 'queue full' | 'timeout',
    what = SHORT_SEARCH_LISTS,
  ) {
    super(CoreErrors.SERVICE_UNAVAILABLE, `too many ${what} are in progress; retry later`);
  }
}

/** Starts a wait of `ms`: `signal` aborts when it is over, unless `clear` comes first. */
export type WaitTimer = (ms: number) => { signal: AbortSignal; clear: () => void };

const setTimeoutTimer: WaitTimer = (ms) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
};

/**
 * Caps the lists that read a whole table (see `needsFullScan`), so that however many a
 * client sends, the rest of the service keeps its connections and CPU: at most
 * `concurrency` run at once, callers beyond wait in a bounded FIFO queue for a bounded
 * time (503 past either bound), and one client may hold at most `perClient` of the
 * running and waiting places (429 beyond), so it can neither fill the queue nor keep
 * other clients' lists waiting behind several of its own.
 */
export class ExpensiveListLimiter {
  private readonly gate: Gate;
  private readonly byClient = new Map<string, number>();
  /** What the limited work is called in the errors that refuse it. */
  protected readonly what: string = SHORT_SEARCH_LISTS;

  constructor(
    private readonly limits: ExpensiveListLimits,
    private readonly waitTimer: WaitTimer = setTimeoutTimer,
  ) {
    this.gate = new Gate(limits.concurrency, limits.maxWaiting);
  }

  /** Runs `task` for `clientKey` once a slot is free, or refuses it (see the class). */
  async run<T>(clientKey: string, task: () => Promise<T>): Promise<T> {
    const held = this.byClient.get(clientKey) ?? 0;
    if (held >= this.limits.perClient) throw new ClientBusyError(this.limits.perClient, this.what);
    this.byClient.set(clientKey, held + 1);
    const wait = this.waitTimer(this.limits.maxWaitMs);
    try {
      return await this.gate.run(() => {
        wait.clear();
        return task();
      }, wait.signal);
    } catch (error) {
      if (error instanceof GateFullError) {
        throw new ExpensiveListsBusyError('queue full', this.what);
      }
      if (wait.signal.aborted && error === wait.signal.reason) {
        throw new ExpensiveListsBusyError('timeout', this.what);
      }
      throw error;
    } finally {
      wait.clear();
      const left = this.byClient.get(clientKey)! - 1;
      if (left === 0) this.byClient.delete(clientKey);
      else this.byClient.set(clientKey, left);
    }
  }

  /** Lists running now. */
  get active(): number {
    return this.gate.active;
  }

  /** Lists waiting for a slot. */
  get waiting(): number {
    return this.gate.pending;
  }

  /** Clients with a list running or waiting. */
  get clients(): number {
    return this.byClient.size;
  }
}
