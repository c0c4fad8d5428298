/**
 * A FIFO semaphore that keeps at most `limit` operations in flight.
 *
 * postgres.js 3.4.9 queues excess queries in an array that only compacts when it drains
 * and is scanned linearly on every connection move, so a sustained backlog makes the
 * driver slower and slower (measured: 36.8k -> 11.5k queries/s in 15 s). Waiting here,
 * in a queue that compacts itself, keeps the driver's own queue empty.
 */
export class Gate {
  private inFlight = 0;
  private waiting: Array<() => void> = [];
  private head = 0;

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
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
    return this.waiting.length - this.head;
  }

  private release(): void {
    if (this.head < this.waiting.length) {
      // The slot passes straight to the next waiter; `inFlight` stays the same.
      const next = this.waiting[this.head];
      this.head += 1;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      next();
    } else {
      this.inFlight -= 1;
    }
  }
}
