import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

describe('HTTP contract shared by every endpoint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers an unknown route with an enveloped 404 ROUTE_NOT_FOUND', async () => {
    const res = await request(t.http).get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      success: false,
      data: null,
      errors: [
        { code: 'ROUTE_NOT_FOUND', message: 'no route for GET /api/v1/nothing-here', field: null },
      ],
    });
  });

  it('keeps a valid X-Correlation-ID and echoes it, errors included', async () => {
    const ok = await request(t.http).get('/api/v1/cases').set('X-Correlation-ID', 'req-42.a:b_c');
    expect(ok.headers['x-correlation-id']).toBe('req-42.a:b_c');
    const failed = await request(t.http).get('/api/v1/cases/nope').set('X-Correlation-ID', 'abc');
    expect(failed.status).toBe(422);
    expect(failed.headers['x-correlation-id']).toBe('abc');
  });

  it.each([['has spaces'], ['x'.repeat(129)], ['semi;colon']])(
    'replaces an unsafe correlation id (%s) with a new UUID',
    async (id) => {
      const res = await request(t.http).get('/api/v1/cases').set('X-Correlation-ID', id);
      expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it('makes a correlation id when none is sent', async () => {
    const res = await request(t.http).get('/api/v1/cases');
    expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and no X-Powered-By', async () => {
    const res = await request(t.http).get('/api/v1/cases');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('logs JSON lines with the correlation id on every line of a request, and no sensitive data', async () => {
    const secretQuery = 'SELECT secret_column FROM vault';
    const res = await request(t.http)
      .post('/api/v1/cases')
      .set('X-Correlation-ID', 'log-check-1')
      .set('Authorization', 'Bearer top-secret-token')
      .send(
        aCase({
          queries: [
            {
              database_name: 'd',
              schema_name: 's',
              query_text: secretQuery,
              result: { pii: 'r3sult' },
            },
          ],
        }),
      );
    expect(res.status).toBe(201);

    const lines = t.logs.filter((line) => line.correlation_id === 'log-check-1');
    expect(lines.map((line) => line.message)).toEqual([
      'case created',
      expect.stringMatching(/^POST \/api\/v1\/cases 201 \d+ms$/),
    ]);
    for (const line of lines) {
      expect(line).toMatchObject({
        level: 'info',
        artifact: 'case-tracker',
        version: '0.0.0-test',
        endpoint: '/api/v1/cases',
        method: 'POST',
      });
      expect(line['@timestamp']).toMatch(/Z$/);
    }
    expect(lines[0].context).toEqual({
      case_id: res.body.data.id,
      case_type: 'support',
      priority: 'high',
      query_count: 1,
    });
    expect(lines[1].context).toMatchObject({ status: 201, route: '/api/v1/cases' });
    const everything = JSON.stringify(t.logs);
    for (const secret of [secretQuery, 'r3sult', 'top-secret-token', 'Q4 sales extract']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('logs expected errors at WARN without a stack', async () => {
    await request(t.http).get('/api/v1/cases/not-a-uuid').set('X-Correlation-ID', 'log-check-2');
    const lines = t.logs.filter((line) => line.correlation_id === 'log-check-2');
    const warn = lines.find((line) => line.error);
    expect(warn).toMatchObject({
      level: 'warn',
      error: { type: 'ValidationFailedError', code: 'VALIDATION_ERROR' },
    });
    expect((warn!.error as Record<string, unknown>).stack).toBeUndefined();
  });
});
