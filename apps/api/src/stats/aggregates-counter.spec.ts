import { describe, expect, it } from '@jest/globals';
import type { PinoLogger } from 'nestjs-pino';
import { AggregatesCounter, COUNT_BATCH_ROWS } from './aggregates-counter.js';
import type { AggregatesQueue } from './persistence/aggregates-queue.js';

/** A queue answering the given batch sizes (an Error is thrown), and what was logged. */
function counterOver(batches: Array<number | Error>) {
  const calls: number[] = [];
  const warnings: string[] = [];
  const queue = {
    count: async (maxRows: number) => {
      calls.push(maxRows);
      const next = batches.shift() ?? 0;
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as AggregatesQueue;
  const logger = { warn: (_: unknown, message: string) => warnings.push(message) };
  const counter = new AggregatesCounter(queue, 0, logger as unknown as PinoLogger);
  return { counter, calls, warnings };
}

describe('AggregatesCounter', () => {
  it('counts full batches until one comes back short (the queues are empty)', async () => {
    const { counter, calls } = counterOver([COUNT_BATCH_ROWS, COUNT_BATCH_ROWS, 7, 99]);
    expect(await counter.countQueued()).toBe(2 * COUNT_BATCH_ROWS + 7);
    expect(calls).toEqual([COUNT_BATCH_ROWS, COUNT_BATCH_ROWS, COUNT_BATCH_ROWS]);
  });

  it('lets a call made while a count runs join it instead of starting another', async () => {
    const { counter, calls } = counterOver([3]);
    const [first, second] = await Promise.all([counter.countQueued(), counter.countQueued()]);
    expect([first, second]).toEqual([3, 3]);
    expect(calls).toHaveLength(1);
  });

  it('logs a failed count and tries again at the next one', async () => {
    const { counter, warnings } = counterOver([
      COUNT_BATCH_ROWS,
      new Error('connection refused'),
      5,
    ]);
    expect(await counter.countQueued()).toBe(COUNT_BATCH_ROWS);
    expect(warnings).toEqual(['counting the queued writes into the aggregates failed']);
    expect(await counter.countQueued()).toBe(5);
  });

  it('does not count on a timer when its interval is 0', async () => {
    const { counter, calls } = counterOver([1]);
    counter.onModuleInit();
    await counter.onApplicationShutdown();
    expect(calls).toEqual([]);
  });
});
