import { describe, expect, it } from '@jest/globals';
import {
  ClientBusyError,
  ExpensiveListLimiter,
  ExpensiveListLimits,
  ExpensiveListsBusyError,
  WaitTimer,
} from './expensive-list-limiter.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Wait limits that end only when the test says so: `expire(i)` ends the i-th wait begun. */
function manualTimer() {
  const waits: { controller: AbortController; cleared: boolean }[] = [];
  const timer: WaitTimer = () => {
    const wait = { controller: new AbortController(), cleared: false };
    waits.push(wait);
    return { signal: wait.controller.signal, clear: () => (wait.cleared = true) };
  };
  return {
    timer,
    waits,
    expire: (i: number) => {
      if (!waits[i].cleared) waits[i].controller.abort();
    },
  };
}

/** A task that, once started, runs until `finish` is called (or ends at once if it was). */
function heldTask<T>(value: T) {
  let finish!: () => void;
  const done = new Promise<T>((resolve) => (finish = () => resolve(value)));
  let started = false;
  const task = () => {
    started = true;
    return done;
  };
  return { task, finish: () => finish(), started: () => started };
}

const limits = (overrides: Partial<ExpensiveListLimits> = {}): ExpensiveListLimits => ({
  concurrency: 1,
  perClient: 1,
  maxWaiting: 10,
  maxWaitMs: 2000,
  ...overrides,
});

describe('ExpensiveListLimiter', () => {
  it('refuses a second list from the same client at once with a 429 and Retry-After 1, while another client waits its turn', async () => {
    const limiter = new ExpensiveListLimiter(limits(), manualTimer().timer);
    const first = heldTask('a1');
    const running = limiter.run('a', first.task);
    const other = heldTask('b1');
    const waiting = limiter.run('b', other.task);
    await tick();

    const refused = limiter.run('a', async () => 'a2');
    await expect(refused).rejects.toBeInstanceOf(ClientBusyError);
    await expect(refused).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      retryAfterSeconds: 1,
    });
    expect([limiter.active, limiter.waiting, other.started()]).toEqual([1, 1, false]);

    first.finish();
    expect(await running).toBe('a1');
    await tick();
    expect(other.started()).toBe(true);
    other.finish();
    expect(await waiting).toBe('b1');
    expect([limiter.active, limiter.waiting, limiter.clients]).toEqual([0, 0, 0]);
  });

  it('admits the client again once its list has answered, failed or not', async () => {
    const limiter = new ExpensiveListLimiter(limits(), manualTimer().timer);
    await expect(limiter.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('a', async () => 'again')).resolves.toBe('again');
    expect(limiter.clients).toBe(0);
  });

  it('lets a client hold up to perClient places, running or waiting', async () => {
    const limiter = new ExpensiveListLimiter(limits({ perClient: 2 }), manualTimer().timer);
    const first = heldTask(1);
    const running = limiter.run('a', first.task);
    const queued = limiter.run('a', async () => 2);
    await expect(limiter.run('a', async () => 3)).rejects.toBeInstanceOf(ClientBusyError);
    first.finish();
    expect(await Promise.all([running, queued])).toEqual([1, 2]);
  });

  it('runs at most `concurrency` lists at once, the waiting ones in arrival order', async () => {
    const limiter = new ExpensiveListLimiter(limits({ concurrency: 2 }), manualTimer().timer);
    const order: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((client) => {
      const held = heldTask(client);
      return {
        held,
        result: limiter.run(client, () => {
          order.push(client);
          return held.task();
        }),
      };
    });
    await tick();
    expect(order).toEqual(['a', 'b']);
    expect([limiter.active, limiter.waiting]).toEqual([2, 2]);
    tasks[1].held.finish();
    await tick();
    expect(order).toEqual(['a', 'b', 'c']);
    for (const { held } of tasks) held.finish();
    expect(await Promise.all(tasks.map((t) => t.result))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('answers 503 at once when the queue is full', async () => {
    const limiter = new ExpensiveListLimiter(limits({ maxWaiting: 1 }), manualTimer().timer);
    const first = heldTask('a');
    const running = limiter.run('a', first.task);
    const queued = limiter.run('b', async () => 'b');
    const refused = limiter.run('c', async () => 'c');
    await expect(refused).rejects.toBeInstanceOf(ExpensiveListsBusyError);
    await expect(refused).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
      reason: 'queue full',
    });
    // The refused client holds nothing: it may try again.
    expect(limiter.clients).toBe(2);
    first.finish();
    expect(await Promise.all([running, queued])).toEqual(['a', 'b']);
  });

  it('answers 503 to a caller whose wait runs out; its list never runs, the others keep their order', async () => {
    const timer = manualTimer();
    const limiter = new ExpensiveListLimiter(limits(), timer.timer);
    const first = heldTask('a');
    const running = limiter.run('a', first.task);
    const ran: string[] = [];
    const late = limiter.run('b', async () => ran.push('b'));
    const patient = limiter.run('c', async () => ran.push('c'));
    await tick();

    timer.expire(1);
    await expect(late).rejects.toMatchObject({ status: 503, reason: 'timeout' });
    expect([limiter.waiting, limiter.clients]).toEqual([1, 2]);
    first.finish();
    await Promise.all([running, patient]);
    expect(ran).toEqual(['c']);
  });

  it('stops the wait clock once the list runs: a slow list is not cut short', async () => {
    const timer = manualTimer();
    const limiter = new ExpensiveListLimiter(limits(), timer.timer);
    const slow = heldTask('slow');
    const running = limiter.run('a', slow.task);
    await tick();
    expect(timer.waits[0].cleared).toBe(true);
    timer.expire(0);
    slow.finish();
    await expect(running).resolves.toBe('slow');
  });

  it('keeps time with a real clock unless told otherwise', async () => {
    const limiter = new ExpensiveListLimiter(limits({ maxWaitMs: 1 }));
    const first = heldTask('a');
    const running = limiter.run('a', first.task);
    await expect(limiter.run('b', async () => 'b')).rejects.toMatchObject({ reason: 'timeout' });
    first.finish();
    await expect(running).resolves.toBe('a');
  });
});
