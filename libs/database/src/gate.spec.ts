import { describe, expect, it } from '@jest/globals';
import { Gate, GateFullError } from './gate.js';

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

  it('drops a waiter whose signal aborts: its task never runs, and the rest keep their order', async () => {
    const gate = new Gate(1);
    let release!: () => void;
    const first = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const ran: string[] = [];
    const controller = new AbortController();
    const dropped = gate.run(async () => ran.push('dropped'), controller.signal);
    const kept = gate.run(async () => ran.push('kept'));
    expect(gate.pending).toBe(2);

    controller.abort(new Error('deadline'));
    await expect(dropped).rejects.toThrow('deadline');
    expect(gate.pending).toBe(1);
    release();
    await Promise.all([first, kept]);
    expect(ran).toEqual(['kept']);
    expect([gate.active, gate.pending]).toEqual([0, 0]);
  });

  it('refuses a task whose signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('late'));
    await expect(new Gate(1).run(async () => 1, controller.signal)).rejects.toThrow('late');
  });

  it('refuses a caller at once when its queue is full', async () => {
    const gate = new Gate(1, 2);
    let release!: () => void;
    const running = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const queued = [gate.run(async () => 'a'), gate.run(async () => 'b')];
    await expect(gate.run(async () => 'c')).rejects.toBeInstanceOf(GateFullError);
    release();
    await running;
    expect(await Promise.all(queued)).toEqual(['a', 'b']);
  });
});
