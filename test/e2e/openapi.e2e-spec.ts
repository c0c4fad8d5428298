import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { errorCodesMarkdown } from '@app/core';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

const COMMITTED = new URL('../../docs/openapi.json', import.meta.url);
const README = new URL('../../README.md', import.meta.url);
const ERROR_CODES_BLOCK = /(<!-- error-codes:start -->\n)[\s\S]*?(<!-- error-codes:end -->)/;

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
  default?: unknown;
  format?: string;
  maximum?: number;
}

/** Null is allowed by `nullable`, or by a `oneOf` member that says it (OpenAPI 3.0). */
const takesNull = (schema: Schema) =>
  schema.nullable === true || (schema.oneOf ?? []).some((member) => member.nullable === true);

describe('OpenAPI document and Swagger UI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the document that is committed in docs/openapi.json', async () => {
    const res = await request(t.http).get('/openapi.json');
    expect(res.status).toBe(200);
    // The version is the package's; normalise it so a release bump is not drift.
    const served = { ...res.body, info: { ...res.body.info, version: 'VERSION' } };
    if (process.env.UPDATE_OPENAPI === 'true') {
      writeFileSync(COMMITTED, `${JSON.stringify(served, null, 2)}\n`);
    }
    const committed = JSON.parse(readFileSync(COMMITTED, 'utf8'));
    expect(served).toEqual(committed);
  });

  it('lists every registered error code in the document and the README', async () => {
    const doc = (await request(t.http).get('/openapi.json')).body;
    expect(doc.components.schemas.ErrorCode.enum).toEqual(
      expect.arrayContaining(['CASE_NOT_FOUND', 'INVALID_STATUS_TRANSITION', 'VALIDATION_ERROR']),
    );
    const generated = `$1\n${errorCodesMarkdown()}\n\n$2`;
    if (process.env.UPDATE_OPENAPI === 'true') {
      writeFileSync(README, readFileSync(README, 'utf8').replace(ERROR_CODES_BLOCK, generated));
    }
    const readme = readFileSync(README, 'utf8');
    expect(readme).toMatch(ERROR_CODES_BLOCK);
    expect(readme).toBe(readme.replace(ERROR_CODES_BLOCK, generated));
    for (const line of errorCodesMarkdown().split('\n')) {
      const code = /`(\w+)`/.exec(line)![1];
      expect(doc.components.schemas.ErrorCode.enum).toContain(code);
    }
  });

  it('documents every operation with an enveloped success body and its errors', async () => {
    const doc = (await request(t.http).get('/openapi.json')).body;
    const create = doc.paths['/api/v1/cases'].post;
    expect(create.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CreateCaseDto',
    );
    expect(create.responses['201'].content['application/json'].schema.properties.data.$ref).toBe(
      '#/components/schemas/CaseResponse',
    );
    for (const status of ['400', '413', '415', '422', '500', '503']) {
      expect(create.responses[status].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/ErrorEnvelope',
      );
    }
    const get = doc.paths['/api/v1/cases/{id}'].get;
    expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '404', '422']));
    expect(doc.components.schemas.CaseResponse.required).toContain('queries_total');
    const queries = doc.paths['/api/v1/cases/{id}/queries'].get;
    expect(queries.operationId).toBe('listCaseQueries');
    expect(queries.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'id',
      'page',
      'page_size',
    ]);
    expect(queries.responses['200'].content['application/json'].schema.properties.data.$ref).toBe(
      '#/components/schemas/QueryRecordPageResponse',
    );
    expect(Object.keys(queries.responses)).toEqual(expect.arrayContaining(['404', '422']));
    const list = doc.paths['/api/v1/cases'].get;
    const params = list.parameters.map((p: { name: string }) => p.name).sort();
    expect(params).toEqual(
      [
        'case_type',
        'class',
        'created_by',
        'cursor',
        'database_name',
        'date_gte',
        'date_lte',
        'executed_by',
        'fingerprint',
        'flag',
        'page',
        'page_size',
        'priority',
        'search',
        'sort_by',
        'sort_order',
        'status',
        'table',
      ].sort(),
    );
    expect(doc.components.schemas.CreateCaseDto.required).toEqual(
      expect.arrayContaining(['title', 'case_type', 'priority']),
    );
  });

  it('declares the bearer scheme, and 401 and 403 on every API operation', async () => {
    const doc = (await request(t.http).get('/openapi.json')).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Record<string, unknown>>).map(([method, op]) => ({
        path,
        method,
        op: op as {
          security?: unknown;
          responses: Record<string, { description: string }>;
          parameters?: { name: string; in: string }[];
        },
      })),
    );
    const api = operations.filter(({ path }) => path.startsWith('/api/'));
    expect(api.length).toBeGreaterThanOrEqual(7);
    for (const { path, method, op } of api) {
      const where = `${method} ${path}`;
      expect([where, op.security]).toEqual([where, [{ bearer: [] }]]);
      expect([where, op.responses['401']?.description]).toEqual([where, 'UNAUTHENTICATED']);
      expect([where, op.responses['403']?.description]).toEqual([
        where,
        expect.stringContaining('FORBIDDEN'),
      ]);
    }
    for (const { path, op } of operations.filter((o) => !o.path.startsWith('/api/'))) {
      expect([path, op.security]).toEqual([path, undefined]);
    }
  });

  it('declares Idempotency-Key, 409 and 422 on every POST', async () => {
    const doc = (await request(t.http).get('/openapi.json')).body;
    for (const [path, item] of Object.entries(doc.paths)) {
      const post = (
        item as Record<
          string,
          { parameters: { name: string; in: string }[] } & {
            responses: Record<string, { description: string }>;
          }
        >
      ).post;
      if (!post) continue;
      expect([path, post.parameters.find((p) => p.name === 'Idempotency-Key')]).toEqual([
        path,
        expect.objectContaining({ in: 'header', required: false }),
      ]);
      expect([path, post.responses['409'].description]).toEqual([
        path,
        expect.stringContaining('IDEMPOTENCY_KEY_IN_USE'),
      ]);
      expect([path, post.responses['422'].description]).toEqual([
        path,
        expect.stringContaining('IDEMPOTENCY_KEY_REUSED'),
      ]);
    }
  });

  it('states what the service enforces on bodies and parameters', async () => {
    const doc = (await request(t.http).get('/openapi.json')).body;
    const schemas: Record<string, Schema> = doc.components.schemas;
    const bodies = ['CreateCaseDto', 'AppendQueriesDto', 'ChangeStatusDto', 'QueryRecordInput'];
    for (const name of bodies) {
      expect([name, schemas[name].additionalProperties]).toEqual([name, false]);
      // A default makes openapi-typescript's types require the property of every caller.
      for (const [key, property] of Object.entries(schemas[name].properties!)) {
        expect([name, key, property.default]).toEqual([name, key, undefined]);
      }
    }
    expect(schemas.CreateCaseDto.required).not.toContain('queries');
    // Responses stay open: a field added later must not break a client that validates.
    expect(schemas.CaseResponse.additionalProperties).toBeUndefined();
    expect(schemas.CaseEventResponse.additionalProperties).toBeUndefined();

    for (const [name, schema] of Object.entries(schemas)) {
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (/(_by|^actor)$/.test(key))
          expect([name, key, property.format]).toEqual([name, key, 'email']);
        if (/_at$/.test(key))
          expect([name, key, property.format]).toEqual([name, key, 'date-time']);
      }
    }
    const parameters = [
      ...doc.paths['/api/v1/cases'].get.parameters,
      ...doc.paths['/api/v1/cases/{id}/queries'].get.parameters,
    ] as { name: string; required: boolean; schema: Schema }[];
    for (const parameter of parameters.filter((p) => /^page/.test(p.name))) {
      expect(parameter.required).toBe(false);
      expect(parameter.schema.maximum).toEqual(expect.any(Number));
    }
    expect(parameters.find((p) => p.name === 'created_by')!.schema.format).toBe('email');
  });

  it('refuses null wherever the document does not allow it, and takes it where it does', async () => {
    const doc = (await request(t.http).get('/openapi.json')).body;
    const schemas: Record<string, Schema> = doc.components.schemas;
    const newCase = async () =>
      (
        await request(t.http)
          .post('/api/v1/cases')
          .send(aCase({ queries: [] }))
      ).body.data.id as string;
    // Each body schema, with a valid body and where to send it.
    const targets: Record<
      string,
      { valid: Record<string, unknown>; at: string; send(body: object): Promise<request.Response> }
    > = {
      CreateCaseDto: {
        valid: aCase(),
        at: '',
        send: (body) => request(t.http).post('/api/v1/cases').send(body),
      },
      QueryRecordInput: {
        valid: aQuery(),
        at: 'queries[0].',
        send: (body) =>
          request(t.http)
            .post('/api/v1/cases')
            .send(aCase({ queries: [body] })),
      },
      AppendQueriesDto: {
        valid: { queries: [aQuery()] },
        at: '',
        send: async (body) =>
          request(t.http)
            .post(`/api/v1/cases/${await newCase()}/queries`)
            .send(body),
      },
      ChangeStatusDto: {
        valid: { status: 'in_progress', changed_by: 'lead@example.com', note: 'picked up' },
        at: '',
        send: async (body) =>
          request(t.http)
            .post(`/api/v1/cases/${await newCase()}/status`)
            .send(body),
      },
    };
    const closed = Object.keys(schemas).filter(
      (name) => schemas[name].additionalProperties === false,
    );
    expect(Object.keys(targets).sort()).toEqual(closed.sort());

    for (const [name, target] of Object.entries(targets)) {
      for (const [key, property] of Object.entries(schemas[name].properties!)) {
        const res = await target.send({ ...target.valid, [key]: null });
        const outcome = takesNull(property)
          ? res.status
          : res.body.errors.map((e: { code: string; field: string }) => `${e.code} ${e.field}`);
        expect([name, key, outcome]).toEqual([
          name,
          key,
          takesNull(property) ? 201 : [`VALIDATION_ERROR ${target.at}${key}`],
        ]);
      }
    }
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await request(t.http).get('/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });
});
