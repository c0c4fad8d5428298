import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { UnitOfWork } from '@app/core';
import { IdempotencyJanitor } from '../../apps/api/src/idempotency/idempotency-janitor.js';
import { IdempotencyStore } from '../../apps/api/src/idempotency/persistence/idempotency.store.js';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';
import { JWT_ENV, tokenFor } from '../setup/tokens.js';

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, key: string | null, body: object) => {
    const req = request(t.http).post(path).set('Content-Type', 'application/json');
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const create = (key: string | null, body: object = aCase()) => post('/api/v1/cases', key, body);
  const count = async () => {
    const [row] = await t.db.sql<{ cases: number; events: number; keys: number }[]>`
      select (select count(*)::int from support_cases) as cases,
             (select count(*)::int from case_events) as events,
             (select count(*)::int from idempotency_keys) as keys`;
    return row;
  };

  it('replays the first answer to a repeated create, writing nothing', async () => {
    const key = randomUUID();
    const first = await create(key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const before = await count();

    const again = await create(key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.text).toBe(first.text);
    expect(await count()).toEqual(before);
  });

  it('takes the same body with its keys in another order as the same request', async () => {
    const key = randomUUID();
    const body = aCase();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await create(key, body);
    const again = await create(key, reordered);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.data.id).toBe(first.body.data.id);
  });

  it('replays the answer as first given, not the case as it is now', async () => {
    const key = randomUUID();
    const first = await create(key);
    const id = first.body.data.id as string;
    await post(`/api/v1/cases/${id}/status`, null, {
      status: 'closed',
      changed_by: 'ana@example.com',
    });
    const again = await create(key);
    expect(again.body.data.status).toBe('open');
  });

  it('refuses the key on another request: 422 IDEMPOTENCY_KEY_REUSED, nothing written', async () => {
    const key = randomUUID();
    const id = (await create(key)).body.data.id as string;
    const before = await count();

    const otherBody = await create(key, aCase({ title: 'something else' }));
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.errors).toEqual([
      {
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: 'this Idempotency-Key was used for a different request; use a new key',
        field: 'Idempotency-Key',
      },
    ]);
    // Another endpoint is another request, even with a body that would be valid there.
    const otherEndpoint = await post(`/api/v1/cases/${id}/queries`, key, { queries: [aQuery()] });
    expect(otherEndpoint.status).toBe(422);
    expect(otherEndpoint.body.errors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count()).toEqual(before);
  });

  it('keeps only successes: a refused request leaves its key free', async () => {
    const key = randomUUID();
    const invalid = await create(key, aCase({ priority: 'whenever' }));
    expect(invalid.status).toBe(422);
    const missing = await post(`/api/v1/cases/${randomUUID()}/queries`, key, {
      queries: [aQuery()],
    });
    expect(missing.status).toBe(404);

    const valid = await create(key);
    expect(valid.status).toBe(201);
    expect(valid.headers['idempotent-replayed']).toBeUndefined();
  });

  it('replays an append and a status change too', async () => {
    const id = (await create(null)).body.data.id as string;
    const appendKey = randomUUID();
    const appended = await post(`/api/v1/cases/${id}/queries`, appendKey, { queries: [aQuery()] });
    const statusKey = randomUUID();
    const change = { status: 'in_progress', changed_by: 'ana@example.com' };
    const moved = await post(`/api/v1/cases/${id}/status`, statusKey, change);
    expect([appended.status, moved.status]).toEqual([201, 201]);
    const before = await count();

    const appendedAgain = await post(`/api/v1/cases/${id}/queries`, appendKey, {
      queries: [aQuery()],
    });
    const movedAgain = await post(`/api/v1/cases/${id}/status`, statusKey, change);
    expect(appendedAgain.text).toBe(appended.text);
    expect(movedAgain.text).toBe(moved.text);
    // Without the key, the same change is a new request: in_progress → in_progress is refused.
    expect((await post(`/api/v1/cases/${id}/status`, null, change)).status).toBe(409);
    expect(await count()).toEqual(before);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_USE while the same key is still being processed', async () => {
    const key = randomUUID();
    const unitOfWork = t.app.get(UnitOfWork);
    const store = t.app.get(IdempotencyStore);
    // Without a token, a key belongs to the client's address: learn which one this is.
    await create(randomUUID());
    const [{ scope }] = await t.db.sql<{ scope: string }[]>`
      select scope from idempotency_keys limit 1`;
    expect(scope).not.toBe('');
    // Hold the key as a request in flight does, for as long as the transaction stays open.
    const res = await unitOfWork.run(async (tx) => {
      expect(await store.claim(tx, { scope, key, fingerprint: '' })).toBe(true);
      return create(key);
    });
    expect(res.status).toBe(409);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.errors[0]).toMatchObject({
      code: 'IDEMPOTENCY_KEY_IN_USE',
      field: 'Idempotency-Key',
    });
    // Once the holder is gone the key is free.
    expect((await create(key)).status).toBe(201);
  });

  it('lets one of many concurrent identical requests write; the rest replay or get 409', async () => {
    const key = randomUUID();
    const before = await count();
    const answers = await Promise.all(Array.from({ length: 8 }, () => create(key)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.data.id));
    expect(ids.size).toBe(1);
    expect(
      answers.filter((a) => a.status === 201 && !a.headers['idempotent-replayed']),
    ).toHaveLength(1);
    expect((await count()).cases).toBe(before.cases + 1);
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['with a tab', 'abc\tdef'],
    ['with a non-ASCII character', 'clé'],
  ])('refuses a key that is %s: 422 naming the header', async (_what, key) => {
    const before = await count();
    const req = request(t.http).post('/api/v1/cases').set('Content-Type', 'application/json');
    const res = await req.set('Idempotency-Key', key).send(aCase());
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'Idempotency-Key',
    });
    expect(await count()).toEqual(before);
  });

  it('stores nothing without the header', async () => {
    const before = await count();
    expect((await create(null)).status).toBe(201);
    expect((await count()).keys).toBe(before.keys);
  });

  it('forgets a key once it expires, and the sweep deletes expired keys', async () => {
    const key = randomUUID();
    const first = await create(key);
    await t.db
      .sql`update idempotency_keys set expires_at = now() - interval '1 second' where key = ${key}`;

    const fresh = await create(key);
    expect(fresh.status).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(fresh.body.data.id).not.toBe(first.body.data.id);

    const [{ expires }] = await t.db.sql<{ expires: Date }[]>`
      select expires_at as expires from idempotency_keys where key = ${key}`;
    const hours = (expires.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    await t.db.sql`update idempotency_keys set expires_at = now() - interval '1 second'`;
    const keys = (await count()).keys;
    expect(await t.app.get(IdempotencyJanitor).sweep()).toBe(keys);
    expect((await count()).keys).toBe(0);
  });
});

describe('Idempotency-Key with tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...JWT_ENV, IDEMPOTENCY_TTL_HOURS: '2' });
  });
  afterAll(async () => {
    await t.close();
  });

  const create = async (email: string, key: string) =>
    request(t.http)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${await tokenFor(email)}`)
      .set('Idempotency-Key', key)
      .send(aCase({ created_by: undefined }));

  it("scopes keys to their caller: another caller's key is theirs alone", async () => {
    const key = 'order-42';
    const ana = await create('ana@example.com', key);
    const bo = await create('bo@example.com', key);
    expect([ana.status, bo.status]).toEqual([201, 201]);
    expect(bo.headers['idempotent-replayed']).toBeUndefined();
    expect(bo.body.data.created_by).toBe('bo@example.com');
    const anaAgain = await create('ANA@example.com', key);
    expect(anaAgain.headers['idempotent-replayed']).toBe('true');
    expect(anaAgain.body.data.id).toBe(ana.body.data.id);
  });

  it('keeps keys for IDEMPOTENCY_TTL_HOURS', async () => {
    await create('ana@example.com', 'ttl');
    const [{ hours }] = await t.db.sql<{ hours: number }[]>`
      select extract(epoch from expires_at - created_at)::int / 3600 as hours
      from idempotency_keys where key = 'ttl'`;
    expect(hours).toBe(2);
  });
});
