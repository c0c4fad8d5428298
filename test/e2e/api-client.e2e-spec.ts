import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiClient, idempotencyKey, type ApiClient, type Schema } from '@app/api-client';
import { startTestApp, TestApp } from '../setup/test-app.js';
import { JWT_ENV, tokenFor } from '../setup/tokens.js';

// These compile (npm run typecheck) only while the generated types let a caller leave out
// every optional field, and refuse null where the document does.
const minimalCase: Schema<'CreateCaseDto'> = {
  title: 'Through the generated client',
  case_type: 'support',
  priority: 'high',
  created_by: 'Ana@Example.com',
};
const minimalQuery: Schema<'QueryRecordInput'> = {
  database_name: 'sales_db',
  schema_name: 'public',
  query_text: 'SELECT 1',
};
// @ts-expect-error queries may be left out, never null
const nullQueries: Schema<'CreateCaseDto'> = { ...minimalCase, queries: null };

describe('the generated client (libs/api-client) against the service', () => {
  let t: TestApp;
  let client: ApiClient;
  beforeAll(async () => {
    t = await startTestApp();
    // openapi-fetch calls fetch: the service needs a real port.
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.http.address() as AddressInfo;
    client = createApiClient({ baseUrl: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates, lists, reads, appends to, moves and reads the history of a case', async () => {
    const created = await client.POST('/api/v1/cases', { body: minimalCase });
    expect(created.response.status).toBe(201);
    const c = created.data!.data;
    expect(created.response.headers.get('Location')).toBe(`/api/v1/cases/${c.id}`);
    expect(c).toMatchObject({
      title: 'Through the generated client',
      description: null,
      created_by: 'ana@example.com',
      status: 'open',
      queries: [],
      queries_total: 0,
    });
    const id = c.id;

    const listed = await client.GET('/api/v1/cases', {
      params: { query: { search: 'generated client', page_size: 5, sort_by: 'created_at' } },
    });
    expect(listed.response.status).toBe(200);
    expect(listed.data!.data).toMatchObject({ total: 1, page: 1, page_size: 5, pages: 1 });
    expect(listed.data!.data.items.map((item) => [item.id, item.queries_count])).toEqual([[id, 0]]);

    const appended = await client.POST('/api/v1/cases/{id}/queries', {
      params: { path: { id } },
      body: { queries: [minimalQuery, { ...minimalQuery, query_text: 'SELECT 2', result: [1] }] },
    });
    expect(appended.response.status).toBe(201);
    expect(appended.data!.data.items).toMatchObject([
      { case_id: id, query_text: 'SELECT 1', executed_by: 'ana@example.com', result: null },
      { case_id: id, query_text: 'SELECT 2', result: [1] },
    ]);

    const moved = await client.POST('/api/v1/cases/{id}/status', {
      params: { path: { id } },
      body: { status: 'in_progress', changed_by: 'lead@example.com' },
    });
    expect(moved.response.status).toBe(201);
    expect(moved.data!.data.status).toBe('in_progress');

    const read = await client.GET('/api/v1/cases/{id}', { params: { path: { id } } });
    expect(read.response.status).toBe(200);
    expect(read.data!.data).toMatchObject({ id, status: 'in_progress', queries_total: 2 });
    expect(read.data!.data).toEqual(moved.data!.data);

    const page = await client.GET('/api/v1/cases/{id}/queries', {
      params: { path: { id }, query: { page: 2, page_size: 1 } },
    });
    expect(page.data!.data).toMatchObject({ total: 2, page: 2, pages: 2 });
    expect(page.data!.data.items.map((q) => q.query_text)).toEqual(['SELECT 2']);

    const history = await client.GET('/api/v1/cases/{id}/history', { params: { path: { id } } });
    expect(history.response.status).toBe(200);
    const events = history.data!.data.items;
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      ['case_created', 'ana@example.com'],
      ['query_recorded', 'ana@example.com'],
      ['query_recorded', 'ana@example.com'],
      ['status_changed', 'lead@example.com'],
    ]);
    expect(events[0].prev_hash).toBeNull();
    events.slice(1).forEach((e, i) => expect(e.prev_hash).toBe(events[i].hash));
  });

  it('hands back the error envelope, typed, on a refusal', async () => {
    const missing = await client.GET('/api/v1/cases/{id}', {
      params: { path: { id: randomUUID() } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.data).toBeUndefined();
    expect(missing.error!.errors.map((e) => e.code)).toEqual(['CASE_NOT_FOUND']);

    const created = await client.POST('/api/v1/cases', { body: minimalCase });
    const closed = await client.POST('/api/v1/cases/{id}/status', {
      params: { path: { id: created.data!.data.id } },
      body: { status: 'resolved', changed_by: 'lead@example.com' },
    });
    expect(closed.response.status).toBe(409);
    expect(closed.error!.errors[0].code).toBe('INVALID_STATUS_TRANSITION');
  });

  it('meets a service that refuses what its types refuse', async () => {
    const res = await client.POST('/api/v1/cases', { body: nullQueries });
    expect(res.response.status).toBe(422);
    expect(res.error!.errors).toEqual([
      expect.objectContaining({ code: 'VALIDATION_ERROR', field: 'queries' }),
    ]);
  });
});

describe('the generated client with a token and an Idempotency-Key', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp(JWT_ENV);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
  });

  it('is refused 401 without a token, and writes once however often a create is retried', async () => {
    const anonymous = createApiClient({ baseUrl: base });
    const refused = await anonymous.GET('/api/v1/cases', { params: { query: {} } });
    expect(refused.response.status).toBe(401);
    expect(refused.error?.errors[0].code).toBe('UNAUTHENTICATED');

    // A token source is asked before each request, so it can refresh.
    const client = createApiClient({ baseUrl: base, token: () => tokenFor('bo@example.com') });
    const key = randomUUID();
    const { created_by: _creator, ...body } = minimalCase;
    const first = await client.POST('/api/v1/cases', { body, headers: idempotencyKey(key) });
    const retry = await client.POST('/api/v1/cases', { body, headers: idempotencyKey(key) });
    expect([first.response.status, retry.response.status]).toEqual([201, 201]);
    expect(retry.response.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.data!.data.id).toBe(first.data!.data.id);
    expect(first.data!.data.created_by).toBe('bo@example.com');

    const listed = await client.GET('/api/v1/cases', {
      params: { query: { created_by: 'bo@example.com' } },
    });
    expect(listed.data!.data.total).toBe(1);
  });
});
