import { describe, expect, it } from '@jest/globals';
import { Gate } from './gate.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Gate', () => {
  it('keeps at most `limit` tasks in flight and runs waiters in arrival order', async () => {
    const gate = new Gate(2);
    let inFlight = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      gate.run(async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        order.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        inFlight -= 1;
        return i;
      }),
    );
    await tick();
    expect(order).toEqual([0, 1]);
    expect(gate.pending).toBe(3);
    while (releases.length > 0) {
      releases.shift()!();
      await tick();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(gate.pending).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const gate = new Gate(1);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('stays correct over many queued tasks (its queue compacts)', async () => {
    const gate = new Gate(3);
    const results = await Promise.all(
      Array.from({ length: 5000 }, (_, i) => gate.run(async () => i)),
    );
    expect(results[4999]).toBe(4999);
    expect(gate.pending).toBe(0);
  });
});
