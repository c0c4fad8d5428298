import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadConfig } from '@app/config';
import { createLogger } from '@app/core';
import { Database, DatabaseUnavailableError } from '@app/database';
import { createApp } from '../../apps/api/src/create-app.js';
import { aCase } from '../factories/case.factory.js';
import { freePort } from '../setup/free-port.js';

describe('when PostgreSQL cannot be reached', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof createApp>>;

  beforeAll(async () => {
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/nowhere`;
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', AUTH_MODE: 'off' });
    database = new Database({
      url,
      ...config.db,
      connectTimeoutSeconds: 1,
      applicationName: 'test',
    });
    app = await createApp({
      config,
      database,
      logger: createLogger({ ...config, level: 'silent', pretty: false, serviceName: 'test' }),
    });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
  });

  it('raises DatabaseUnavailableError from the pool', async () => {
    await expect(database.query((sql) => sql`select 1`)).rejects.toBeInstanceOf(
      DatabaseUnavailableError,
    );
  });

  it('answers API requests with 503 SERVICE_UNAVAILABLE and Retry-After', async () => {
    for (const res of [
      await request(app.getHttpServer()).get('/api/v1/cases'),
      await request(app.getHttpServer()).post('/api/v1/cases').send(aCase()),
    ]) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toEqual({
        success: false,
        data: null,
        errors: [{ code: 'SERVICE_UNAVAILABLE', message: expect.any(String), field: null }],
      });
    }
  });

  it('reports not ready on /health/ready and /health, but alive on /health/live', async () => {
    const http = app.getHttpServer();
    expect((await request(http).get('/health/ready')).status).toBe(503);
    expect((await request(http).get('/health')).status).toBe(503);
    expect((await request(http).get('/health/live')).status).toBe(200);
  });
});
