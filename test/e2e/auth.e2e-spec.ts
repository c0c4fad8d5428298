import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, JWTPayload, SignJWT } from 'jose';
import request from 'supertest';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';
import { JWT_AUDIENCE, JWT_ENV, JWT_ISSUER, JWT_SECRET, tokenFor } from '../setup/tokens.js';

const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token with exactly these claims, HS256-signed with `secret`. */
function signed(claims: JWTPayload, secret = JWT_SECRET): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));
}

const valid = (): JWTPayload => ({
  email: 'ana@example.com',
  scope: 'cases:read cases:write',
  iss: JWT_ISSUER,
  aud: JWT_AUDIENCE,
  exp: now() + 600,
});

describe('authentication (AUTH_MODE=jwt)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(JWT_ENV);
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (token: string | null, body: object = aCase({ created_by: undefined })) => {
    const req = request(t.http).post('/api/v1/cases').set('Content-Type', 'application/json');
    return (token === null ? req : req.set('Authorization', `Bearer ${token}`)).send(body);
  };
  const countCases = async () =>
    (await t.db.sql<{ n: number }[]>`select count(*)::int as n from support_cases`)[0].n;

  it('answers a request without a token 401 with a bare Bearer challenge', async () => {
    const res = await request(t.http).get('/api/v1/cases');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="case-tracker"');
    expect(res.body).toEqual({
      success: false,
      data: null,
      errors: [{ code: 'UNAUTHENTICATED', message: 'a bearer token is required', field: null }],
    });
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['expired beyond the 30 s tolerance', () => signed({ ...valid(), exp: now() - 45 }), /expired/],
    ['not valid yet', () => signed({ ...valid(), nbf: now() + 120 }), /not valid yet/],
    ['from another issuer', () => signed({ ...valid(), iss: 'https://evil.test' }), /issuer/],
    ['for another audience', () => signed({ ...valid(), aud: 'other-api' }), /audience/],
    ['signed with another key', () => signed(valid(), 'x'.repeat(40)), /signature/],
    ['without an email claim', () => signed({ ...valid(), email: undefined }), /email/],
    ['with an email claim that is no email', () => signed({ ...valid(), email: 'ana' }), /email/],
    ['without an expiry', () => signed({ ...valid(), exp: undefined }), /exp/],
    [
      'whose email its issuer has not verified',
      () => signed({ ...valid(), email_verified: false }),
      /not verified/,
    ],
    [
      'whose email holds a control character',
      () => signed({ ...valid(), email: 'ana\u0000@example.com' }),
      /email/,
    ],
    [
      'unsigned (alg: none)',
      async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(valid())}.`,
      /malformed|algorithm/,
    ],
    ['that is no JWT', async () => 'not-a-jwt', /malformed/],
  ])('refuses a token %s: 401 invalid_token, nothing written', async (_what, token, reason) => {
    const before = await countCases();
    const res = await create(await token());
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ code: 'UNAUTHENTICATED', field: null });
    expect(res.body.errors[0].message).toMatch(reason);
    expect(res.headers['www-authenticate']).toMatch(
      /^Bearer realm="case-tracker", error="invalid_token", error_description="[^"]+"$/,
    );
    expect(await countCases()).toBe(before);
  });

  it.each([
    ['Basic YW5hOnNlY3JldA==', 'Bearer realm="case-tracker"'],
    ['Bearer', expect.stringContaining('error="invalid_token"')],
    ['Bearer two tokens', expect.stringContaining('error="invalid_token"')],
  ])('refuses an Authorization header "%s" 401', async (header, challenge) => {
    const res = await request(t.http).get('/api/v1/cases').set('Authorization', header);
    expect(res.status).toBe(401);
    expect(res.body.errors[0].code).toBe('UNAUTHENTICATED');
    // Another scheme's credentials get the bare challenge (RFC 6750 §3.1).
    expect(res.headers['www-authenticate']).toEqual(challenge);
  });

  it('checks tokens on the API whatever the letter case of its path', async () => {
    const token = await tokenFor('ana@example.com', { scope: 'cases:read' });
    for (const path of ['/API/v1/cases', '/api/V1/Cases']) {
      const anonymous = await request(t.http).get(path);
      expect([path, anonymous.status]).toEqual([path, 401]);
      const res = await request(t.http).get(path).set('Authorization', `Bearer ${token}`);
      expect([path, res.status]).toEqual([path, 200]);
    }
  });

  it('accepts a token expired within the 30 s clock tolerance, and "bearer" in any case', async () => {
    const token = await signed({ ...valid(), exp: now() - 10 });
    const res = await request(t.http).get('/api/v1/cases').set('Authorization', `bearer ${token}`);
    expect(res.status).toBe(200);
  });

  it('needs cases:write to write and cases:read to read: 403 insufficient_scope', async () => {
    const reader = await tokenFor('ana@example.com', { scope: 'cases:read' });
    const writer = await tokenFor('ana@example.com', { scope: 'cases:write' });

    const write = await create(reader);
    expect(write.status).toBe(403);
    expect(write.body.errors).toEqual([
      { code: 'FORBIDDEN', message: 'this operation needs the cases:write scope', field: null },
    ]);
    expect(write.headers['www-authenticate']).toBe(
      'Bearer realm="case-tracker", error="insufficient_scope", scope="cases:write"',
    );

    const read = await request(t.http)
      .get('/api/v1/cases')
      .set('Authorization', `Bearer ${writer}`);
    expect(read.status).toBe(403);
    expect(read.headers['www-authenticate']).toContain('scope="cases:read"');

    const noScope = await tokenFor('ana@example.com', { scope: '' });
    const id = (await create(await tokenFor('ana@example.com'))).body.data.id as string;
    for (const path of [
      `/api/v1/cases/${id}`,
      `/api/v1/cases/${id}/queries`,
      `/api/v1/cases/${id}/history`,
    ]) {
      const res = await request(t.http).get(path).set('Authorization', `Bearer ${noScope}`);
      expect([path, res.status]).toEqual([path, 403]);
    }
  });

  it('leaves health, metrics and the documentation open', async () => {
    for (const path of ['/health/live', '/health/ready', '/metrics', '/openapi.json', '/docs']) {
      const res = await request(t.http).get(path).redirects(1);
      expect([path, res.status]).toEqual([path, 200]);
    }
  });

  it('records the caller as the creator when created_by is left out, whatever its case in the token', async () => {
    const res = await create(await tokenFor('Ana@Example.COM'));
    expect(res.status).toBe(201);
    expect(res.body.data.created_by).toBe('ana@example.com');
    expect(res.body.data.queries[0].executed_by).toBe('ana@example.com');
  });

  it('accepts created_by equal to the caller, letter case aside', async () => {
    const res = await create(
      await tokenFor('ana@example.com'),
      aCase({ created_by: ' ANA@example.com ' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.data.created_by).toBe('ana@example.com');
  });

  it('refuses created_by naming someone else: 403 ACTOR_MISMATCH, nothing written', async () => {
    const before = await countCases();
    const res = await create(
      await tokenFor('ana@example.com'),
      aCase({ created_by: 'bo@example.com' }),
    );
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([
      {
        code: 'ACTOR_MISMATCH',
        message: "created_by must be the authenticated caller's email, or left out",
        field: 'created_by',
      },
    ]);
    expect(await countCases()).toBe(before);
  });

  it('refuses a null created_by: left out is the way to say "the caller"', async () => {
    const res = await create(await tokenFor('ana@example.com'), aCase({ created_by: null }));
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field: 'created_by' });
  });

  it('attributes every event to its caller: appends and status changes by someone else', async () => {
    const ana = await tokenFor('ana@example.com');
    const bo = await tokenFor('bo@example.com');
    const id = (await create(ana)).body.data.id as string;

    const appended = await request(t.http)
      .post(`/api/v1/cases/${id}/queries`)
      .set('Authorization', `Bearer ${bo}`)
      .send({ queries: [aQuery(), aQuery({ executed_by: 'dba@example.com' })] });
    expect(appended.status).toBe(201);
    expect(appended.body.data.items.map((q: { executed_by: string }) => q.executed_by)).toEqual([
      'bo@example.com',
      'dba@example.com',
    ]);

    const moved = await request(t.http)
      .post(`/api/v1/cases/${id}/status`)
      .set('Authorization', `Bearer ${bo}`)
      .send({ status: 'in_progress', note: 'mine now' });
    expect(moved.status).toBe(201);

    const mismatch = await request(t.http)
      .post(`/api/v1/cases/${id}/status`)
      .set('Authorization', `Bearer ${bo}`)
      .send({ status: 'resolved', changed_by: 'ana@example.com' });
    expect(mismatch.status).toBe(403);
    expect(mismatch.body.errors[0]).toMatchObject({ code: 'ACTOR_MISMATCH', field: 'changed_by' });

    const history = await request(t.http)
      .get(`/api/v1/cases/${id}/history`)
      .set('Authorization', `Bearer ${ana}`);
    expect(
      history.body.data.items.map((e: { type: string; actor: string }) => [e.type, e.actor]),
    ).toEqual([
      ['case_created', 'ana@example.com'],
      ['query_recorded', 'ana@example.com'],
      ['query_recorded', 'bo@example.com'],
      ['query_recorded', 'bo@example.com'],
      ['status_changed', 'bo@example.com'],
    ]);
  });
});

describe('rate limit with tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...JWT_ENV, RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (token?: string) => {
    const req = request(t.http).get('/api/v1/cases');
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('counts each caller on their own, and refused tokens against their IP', async () => {
    const ana = await tokenFor('ana@example.com');
    const bo = await tokenFor('bo@example.com');
    for (let i = 0; i < 3; i += 1) expect((await list(ana)).status).toBe(200);
    expect((await list(ana)).status).toBe(429);
    // Same IP, another caller: a budget of their own.
    expect((await list(bo)).status).toBe(200);

    // Token guessing from this IP: three 401s, then throttled before any verification.
    for (let i = 0; i < 3; i += 1) expect((await list('guess')).status).toBe(401);
    const throttled = await list('guess');
    expect(throttled.status).toBe(429);
    expect(throttled.body.errors[0].code).toBe('RATE_LIMITED');
    expect((await list()).status).toBe(429);
  });
});

describe('authentication with a JWKS (RS256, ES256)', () => {
  let t: TestApp;
  let jwks: Server;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>[];

  beforeAll(async () => {
    keys = [await generateKeyPair('RS256'), await generateKeyPair('ES256')];
    const body = JSON.stringify({
      keys: await Promise.all(
        keys.map(async ({ publicKey }, i) => ({
          ...(await exportJWK(publicKey)),
          kid: `k${i}`,
          alg: i === 0 ? 'RS256' : 'ES256',
          use: 'sig',
        })),
      ),
    });
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    t = await startTestApp({
      AUTH_MODE: 'jwt',
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const sign = (alg: 'RS256' | 'ES256', kid: string, key: Parameters<SignJWT['sign']>[0]) =>
    new SignJWT({ email: 'ana@example.com', scope: 'cases:read' })
      .setProtectedHeader({ alg, kid })
      .setExpirationTime('5m')
      .sign(key);
  const list = (token: string) =>
    request(t.http).get('/api/v1/cases').set('Authorization', `Bearer ${token}`);

  it("accepts tokens signed by the issuer's keys and refuses an HS256 one", async () => {
    expect((await list(await sign('RS256', 'k0', keys[0].privateKey))).status).toBe(200);
    expect((await list(await sign('ES256', 'k1', keys[1].privateKey))).status).toBe(200);
    const hs = await new SignJWT({ email: 'ana@example.com', scope: 'cases:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const res = await list(hs);
    expect(res.status).toBe(401);
    expect(res.body.errors[0].message).toMatch(/algorithm/);
  });

  it('answers 503, not 401, when the key set cannot be fetched', async () => {
    // A service whose identity provider is down: the token may well be fine.
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const { port } = down.address() as AddressInfo;
    await new Promise((resolve) => down.close(resolve));
    const orphan = await startTestApp({
      AUTH_MODE: 'jwt',
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
    });
    try {
      const res = await request(orphan.http)
        .get('/api/v1/cases')
        .set('Authorization', `Bearer ${await sign('RS256', 'k0', keys[0].privateKey)}`);
      expect(res.status).toBe(503);
      expect(res.body.errors[0].code).toBe('SERVICE_UNAVAILABLE');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await orphan.close();
    }
  });
});

describe('AUTH_MODE=off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'off' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('warns at start-up that anyone may act as anyone', () => {
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringMatching(/authentication is off/),
      }),
    );
  });

  it('needs created_by and changed_by in the body, as before tokens existed', async () => {
    const res = await request(t.http)
      .post('/api/v1/cases')
      .send(aCase({ created_by: undefined }));
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field: 'created_by' });
    const id = (await request(t.http).post('/api/v1/cases').send(aCase())).body.data.id as string;
    const status = await request(t.http)
      .post(`/api/v1/cases/${id}/status`)
      .send({ status: 'closed' });
    expect(status.status).toBe(422);
    expect(status.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field: 'changed_by' });
  });

  it('ignores any Authorization header', async () => {
    const res = await request(t.http).get('/api/v1/cases').set('Authorization', 'Bearer nonsense');
    expect(res.status).toBe(200);
  });
});
