/** The gate's queue is full: the caller is refused at once instead of waiting. */
export class GateFullError extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} database calls are already waiting`);
    this.name = 'GateFullError';
  }
}

interface Waiter {
  admit: () => void;
  /** Set when the waiter gave up; its turn is skipped. */
  gone: boolean;
}

/**
 * A FIFO semaphore that keeps at most `limit` operations in flight, with at most
 * `maxWaiting` callers queued behind them.
 *
 * postgres.js 3.4.9 queues excess queries in an array that only compacts when it drains
 * and is scanned linearly on every connection move, so a sustained backlog makes the
 * driver slower and slower (measured: 36.8k -> 11.5k queries/s in 15 s). Waiting here,
 * in a queue that compacts itself, keeps the driver's own queue empty.
 */
export class Gate {
  private inFlight = 0;
  private waiting: Waiter[] = [];
  private head = 0;
  private gone = 0;

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Runs `task` once a slot is free. A caller still waiting when `signal` aborts leaves
   * the queue (rejected with the signal's reason) and its task never runs.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.inFlight >= this.limit) {
      if (this.pending >= this.maxWaiting) throw new GateFullError(this.pending);
      await this.wait(signal);
    } else {
      this.inFlight += 1;
    }
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  get active(): number {
    return this.inFlight;
  }

  get pending(): number {
    return this.waiting.length - this.head - this.gone;
  }

  private wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { admit: resolve, gone: false };
      this.waiting.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          if (waiter.gone) return;
          waiter.gone = true;
          this.gone += 1;
          reject(signal.reason);
        },
        { once: true },
      );
      // Admitted: a later abort must not count it as gone.
      waiter.admit = () => {
        waiter.gone = true;
        resolve();
      };
    });
  }

  private release(): void {
    while (this.head < this.waiting.length) {
      const next = this.waiting[this.head];
      this.head += 1;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      if (next.gone) {
        this.gone -= 1;
        continue;
      }
      // The slot passes straight to the next waiter; `inFlight` stays the same.
      next.admit();
      return;
    }
    this.inFlight -= 1;
  }
}
