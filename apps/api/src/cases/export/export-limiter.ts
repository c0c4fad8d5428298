import { ExpensiveListLimiter } from '../expensive-list-limiter.js';

export interface ExportLimits {
  /** Exports running at once in the process; one more is a 503 at once. */
  concurrency: number;
  /** Exports one client may have running; one more is a 429 at once. */
  perClient: number;
}

/**
 * Caps exports: each reads every case its filter chooses, page after page, for as long as
 * its client keeps reading, so a few of them could keep the pool and a core busy for
 * minutes. Nothing waits in a queue: a refused export is answered (429 or 503, with
 * Retry-After) before its first byte, and a client retrying later is better served than a
 * socket held open in a queue for as long as another export runs.
 */
export class ExportLimiter extends ExpensiveListLimiter {
  protected override readonly what = 'export(s)';

  constructor(limits: ExportLimits) {
    super({ ...limits, maxWaiting: 0, maxWaitMs: 1 });
  }
}
