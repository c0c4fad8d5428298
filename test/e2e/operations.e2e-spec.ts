import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('exposes HTTP, process and business metrics in Prometheus text format', async () => {
    const created = await request(t.http)
      .post('/api/v1/cases')
      .send(
        aCase({ case_type: 'investigation', priority: 'critical', queries: [aQuery(), aQuery()] }),
      );
    const id = created.body.data.id;
    await request(t.http).get(`/api/v1/cases/${id}`);
    await request(t.http).get('/api/v1/cases/00000000-0000-4000-8000-000000000000');
    await request(t.http)
      .post(`/api/v1/cases/${id}/queries`)
      .send({ queries: [aQuery()] });
    await request(t.http)
      .post(`/api/v1/cases/${id}/status`)
      .send({ status: 'closed', changed_by: 'a@b.co' });
    await request(t.http).get('/no/such/route');

    const res = await request(t.http).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(
      /http_requests_total\{method="GET",route="\/api\/v1\/cases\/:id",status="200"\} 1/,
    );
    expect(text).toMatch(
      /http_requests_total\{method="GET",route="\/api\/v1\/cases\/:id",status="404"\} 1/,
    );
    expect(text).toMatch(
      /http_requests_total\{method="POST",route="\/api\/v1\/cases",status="201"\} 1/,
    );
    expect(text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/v1\/cases\/:id",status="200"\}/,
    );
    expect(text).not.toContain(id);
    expect(text).toMatch(/process_cpu_user_seconds_total/);
    expect(text).toMatch(/nodejs_heap_size_used_bytes/);
    expect(text).toMatch(
      /case_tracker_cases_created_total\{case_type="investigation",priority="critical"\} 1/,
    );
    expect(text).toMatch(/case_tracker_queries_recorded_total 3/);
    expect(text).toMatch(/case_tracker_status_changes_total\{from="open",to="closed"\} 1/);
    expect(text).toMatch(/case_tracker_db_errors_total/);
    expect(text).toMatch(/case_tracker_db_calls_waiting 0/);
  });

  it('is not wrapped in the envelope', async () => {
    const res = await request(t.http).get('/metrics');
    expect(res.text.startsWith('{')).toBe(false);
  });
});

describe('HTTP edge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      CORS_ORIGINS: 'https://app.example.com',
      BODY_LIMIT: '2kb',
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['delete', '/api/v1/cases/00000000-0000-4000-8000-000000000000', 'GET, HEAD'],
    ['put', '/api/v1/cases/00000000-0000-4000-8000-000000000000', 'GET, HEAD'],
    ['patch', '/api/v1/cases/00000000-0000-4000-8000-000000000000', 'GET, HEAD'],
    ['delete', '/api/v1/cases', 'GET, HEAD, POST'],
    ['put', '/api/v1/cases/00000000-0000-4000-8000-000000000000/status', 'POST'],
  ] as const)(
    'answers %s %s with 405 METHOD_NOT_ALLOWED and Allow',
    async (method, path, allow) => {
      const res = await request(t.http)[method](path).set('X-Correlation-ID', 'm-405').send({});
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe(allow);
      expect(res.headers['x-correlation-id']).toBe('m-405');
      expect(res.body).toMatchObject({
        success: false,
        data: null,
        errors: [{ code: 'METHOD_NOT_ALLOWED' }],
      });
    },
  );

  it('answers CORS for configured origins only', async () => {
    const allowed = await request(t.http)
      .get('/api/v1/cases')
      .set('Origin', 'https://app.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(allowed.headers['access-control-expose-headers']).toContain('X-Correlation-ID');
    const other = await request(t.http)
      .get('/api/v1/cases')
      .set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('applies BODY_LIMIT with an enveloped 413', async () => {
    const res = await request(t.http)
      .post('/api/v1/cases')
      .send(aCase({ description: 'x'.repeat(3000) }));
    expect(res.status).toBe(413);
    expect(res.body.errors[0].code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.headers['x-correlation-id']).toBeDefined();
  });
});

describe('rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 RATE_LIMITED with Retry-After past the limit, but never on health or metrics', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await request(t.http).get('/api/v1/cases')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);

    const limited = await request(t.http).get('/api/v1/cases');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({
      success: false,
      data: null,
      errors: [{ code: 'RATE_LIMITED' }],
    });

    for (const path of ['/health', '/health/live', '/health/ready', '/metrics']) {
      expect((await request(t.http).get(path)).status).toBe(200);
    }
  });
});

describe('GET /health/ready', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is ready when every migration on disk is applied, and names the ones pending otherwise', async () => {
    expect((await request(t.http).get('/health/ready')).status).toBe(200);

    await t.db.sql`delete from schema_migrations where version = 3`;
    const res = await request(t.http).get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body.error.database).toMatchObject({ message: 'migrations pending', pending: [3] });
  });
});
