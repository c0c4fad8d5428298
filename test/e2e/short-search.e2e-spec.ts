import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

/**
 * Searches without three letters or digits in a row read the whole table: one at a time
 * per client, the rest in a bounded queue. The service believes one proxy hop here, so
 * each X-Forwarded-For is a client of its own.
 */
describe('GET /api/v1/cases with a short search', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY_HOPS: '1',
      EXPENSIVE_LIST_CONCURRENCY: '1',
      EXPENSIVE_LIST_PER_CLIENT: '1',
      EXPENSIVE_LIST_QUEUE_MAX: '1',
      EXPENSIVE_LIST_WAIT_MS: '60000',
    });
    for (const [title, description] of [
      ['Alpha 100% done', null],
      ['Beta under_score', null],
      ['Gamma', 'Monthly analysis'],
      ['Kappa', 'Needle in the description'],
      ['Omicron', null],
    ]) {
      const res = await request(t.http).post('/api/v1/cases').send(aCase({ title, description }));
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (client: string, query: Record<string, string>) =>
    request(t.http).get('/api/v1/cases').set('X-Forwarded-For', client).query(query);
  const titles = (res: request.Response) =>
    res.body.data.items.map((item: { title: string }) => item.title);

  it.each([
    ['e', ['Kappa', 'Beta under_score', 'Alpha 100% done']],
    ['%', ['Alpha 100% done']],
    ['_', ['Beta under_score']],
    ['a b', []],
  ])('answers %j as a literal search, with its exact total', async (search, expected) => {
    const res = await list('198.51.100.1', { search });
    expect(res.status).toBe(200);
    expect(titles(res)).toEqual(expected);
    expect(res.body.data).toMatchObject({
      total: expected.length,
      pages: expected.length > 0 ? 1 : 0,
    });
  });

  it('refuses a second short search of a client at once (429), queues another client, and never limits other lists', async () => {
    const [a, b, c] = ['203.0.113.1', '203.0.113.2', '203.0.113.3'];
    // Every statement on support_cases waits behind this lock until `unlock`.
    let unlock!: () => void;
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const lock = t.db.sql.begin(async (tx) => {
      await tx`lock table support_cases in access exclusive mode`;
      locked();
      await new Promise<void>((resolve) => (unlock = resolve));
    });
    await lockTaken;
    try {
      // `.then` sends a supertest request; without it the request waits to be awaited.
      const first = list(a, { search: 'e' }).then((res) => res);
      await blockedBackends(1);

      const second = await list(a, { search: '%' });
      expect(second.status).toBe(429);
      expect(second.headers['retry-after']).toBe('1');
      expect(second.body).toMatchObject({
        success: false,
        data: null,
        errors: [{ code: 'RATE_LIMITED' }],
      });

      // Another client's short search takes the one place in the queue; a third client's
      // finds the queue full.
      const queued = list(b, { search: '_' }).then((res) => res);
      const full = await list(c, { search: 'e' });
      expect(full.status).toBe(503);
      expect(full.headers['retry-after']).toBeDefined();
      expect(full.body.errors[0].code).toBe('SERVICE_UNAVAILABLE');

      // Lists the index narrows, or without a search, pass both caps: they reach the
      // database (and wait for the lock like any statement) while client A's is running.
      const plain = list(a, {}).then((res) => res);
      const longer = list(a, { search: 'alpha' }).then((res) => res);
      await blockedBackends(3);

      unlock();
      await lock;
      const answered = await Promise.all([first, queued, plain, longer]);
      expect(answered.map((res) => res.status)).toEqual([200, 200, 200, 200]);
      expect(titles(answered[0])).toEqual(['Kappa', 'Beta under_score', 'Alpha 100% done']);
      expect(answered[0].body.data.total).toBe(3);
      expect(titles(answered[1])).toEqual(['Beta under_score']);
      expect(answered[2].body.data.total).toBe(5);
      expect(titles(answered[3])).toEqual(['Alpha 100% done']);

      // Once answered, the client may search again.
      expect((await list(a, { search: '%' })).status).toBe(200);
    } finally {
      unlock();
      await lock;
    }
  });

  /** Waits until at least `n` backends wait for a lock on support_cases. */
  async function blockedBackends(n: number): Promise<void> {
    for (let attempt = 0; attempt < 500; attempt += 1) {
      const [{ waiting }] = await t.db.sql<{ waiting: number }[]>`
        select count(distinct pid)::int as waiting from pg_locks
        where relation = 'support_cases'::regclass and not granted`;
      if (waiting >= n) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`fewer than ${n} statements ever waited for the lock`);
  }
});
