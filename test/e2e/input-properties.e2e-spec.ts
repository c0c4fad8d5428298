import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { startTestApp, TestApp } from '../setup/test-app.js';

/**
 * Property-based attack on every field: whatever a client sends, the answer is a success
 * or a 4xx (never a 5xx), and whatever was accepted reads back as it was sent.
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

// Characters that have broken text handling somewhere: NUL, lone surrogates, variation
// selectors, characters outside the BMP, LIKE wildcards, quotes, escapes, whitespace.
const nastyChar = fc.oneof(
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\ufe0f', '\u200b', '\u00a0', '😀', 'é'),
  fc.constantFrom('%', '_', '\\', "'", '"', '\n', '\t', ' ', '<', '$1', '--', ';'),
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const nastyString = fc.oneof(
  fc.array(nastyChar, { maxLength: 24 }).map((chars) => chars.join('')),
  // Around the length limits, in units that count differently in UTF-16 and in PostgreSQL.
  fc
    .tuple(fc.constantFrom('a', 'a\ufe0f', '😀', ' '), fc.integer({ min: 0, max: 300 }))
    .map(([unit, count]) => unit.repeat(count)),
);
const anyScalar = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(-1, 2 ** 31, 2 ** 53, Number.MAX_VALUE, 1.5, -0),
);
const anyJson = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 140 }).map(nestedArrays) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, anyScalar, { maxKeys: 4 }) },
);
const timestamp = fc.oneof(
  fc.integer({ min: 0, max: 10000 }).map((y) => `${String(y).padStart(4, '0')}-06-15T12:30:00Z`),
  fc
    .date({ min: new Date('1899-12-31T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z') })
    .map((d) => (Number.isNaN(d.getTime()) ? 'not a date' : d.toISOString())),
  fc.constantFrom('2025-02-30T00:00:00Z', '2025-10-01', '2025-10-01T25:00:00Z', ''),
  nastyString,
);
const email = fc.oneof(
  fc.emailAddress(),
  nastyString,
  nastyString.map((local) => `${local}@example.com`),
);

/** A valid value most of the time, a hostile one otherwise, or left out. */
const field = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown>) =>
  fc.option(fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: hostile }), {
    nil: undefined,
    freq: 8,
  });

const queryRecord = fc.record(
  {
    database_name: field(fc.constant('sales_db'), nastyString),
    schema_name: field(fc.constant('public'), nastyString),
    query_text: field(fc.constant('select 1'), nastyString),
    execution_time_ms: field(fc.nat(), anyScalar),
    rows_affected: field(fc.nat(), anyScalar),
    result: field(fc.jsonValue({ maxDepth: 2 }), anyJson),
    executed_by: field(fc.constant('bo@example.com'), email),
    executed_at: field(fc.constant('2025-10-01T10:00:00Z'), timestamp),
  },
  { requiredKeys: [] },
);

const newCase = fc.record(
  {
    title: field(fc.constant('Q4 sales extract'), nastyString),
    description: field(fc.constant('Monthly'), fc.oneof(nastyString, anyScalar)),
    case_type: field(fc.constant('support'), anyScalar),
    priority: field(fc.constant('high'), anyScalar),
    created_by: field(fc.constant('ana@example.com'), email),
    queries: field(fc.array(queryRecord, { maxLength: 3 }), anyJson),
  },
  { requiredKeys: [] },
);

function nestedArrays(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i += 1) value = [value];
  return value;
}

const strip = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

const sameInstant = (sent: unknown, stored: string) =>
  typeof sent === 'string' && new Date(sent).getTime() === new Date(stored).getTime();

describe('any input, as a property', () => {
  let t: TestApp;
  let caseId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const res = await request(t.http).post('/api/v1/cases').send({
      title: 'target',
      case_type: 'support',
      priority: 'low',
      created_by: 'ana@example.com',
    });
    caseId = res.body.data.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const expectClientOutcome = (res: request.Response) => {
    expect(res.status).toBeLessThan(500);
    expect(res.body).toHaveProperty('success', res.status < 300);
  };

  it('creates a case or refuses it, and an accepted case reads back as sent', async () => {
    await fc.assert(
      fc.asyncProperty(newCase, async (draft) => {
        const body = strip(draft);
        const res = await request(t.http).post('/api/v1/cases').send(body);
        expectClientOutcome(res);
        if (res.status !== 201) return;
        const read = await request(t.http).get(`/api/v1/cases/${res.body.data.id}`);
        expect(read.status).toBe(200);
        expect(read.body.data).toEqual(res.body.data);
        expect(read.body.data.title).toBe((body.title as string).trim());
        expect(read.body.data.created_by).toBe((body.created_by as string).trim().toLowerCase());
        expect(read.body.data.description).toBe(body.description ?? null);
        const sent = (body.queries ?? []) as Record<string, unknown>[];
        read.body.data.queries.forEach((stored: Record<string, unknown>, i: number) => {
          expect(stored.query_text).toBe(sent[i].query_text);
          expect(stored.result).toEqual(sent[i].result ?? null);
          if (sent[i].executed_at !== undefined) {
            expect(sameInstant(sent[i].executed_at, stored.executed_at as string)).toBe(true);
          }
        });
        const history = await request(t.http).get(`/api/v1/cases/${res.body.data.id}/history`);
        expect(history.status).toBe(200);
      }),
      { numRuns: RUNS },
    );
  }, 120000);

  it('appends query records or refuses them, and the case always reads back', async () => {
    await fc.assert(
      fc.asyncProperty(
        field(fc.array(queryRecord, { minLength: 1, maxLength: 3 }), anyJson),
        async (queries) => {
          const res = await request(t.http)
            .post(`/api/v1/cases/${caseId}/queries`)
            .send(queries === undefined ? {} : { queries });
          expectClientOutcome(res);
          const read = await request(t.http).get(`/api/v1/cases/${caseId}`);
          expect(read.status).toBe(200);
        },
      ),
      { numRuns: RUNS },
    );
  }, 120000);

  it('changes a status or refuses it, and the case always reads back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            status: field(fc.constantFrom('open', 'in_progress', 'resolved', 'closed'), anyScalar),
            changed_by: field(fc.constant('lead@example.com'), email),
            note: field(fc.constant('picked up'), fc.oneof(nastyString, anyScalar)),
          },
          { requiredKeys: [] },
        ),
        async (change) => {
          const created = await request(t.http).post('/api/v1/cases').send({
            title: 'status target',
            case_type: 'support',
            priority: 'low',
            created_by: 'ana@example.com',
          });
          const id = created.body.data.id as string;
          const res = await request(t.http).post(`/api/v1/cases/${id}/status`).send(strip(change));
          expectClientOutcome(res);
          const read = await request(t.http).get(`/api/v1/cases/${id}/history`);
          expect(read.status).toBe(200);
          if (res.status === 201) {
            expect(read.body.data.items.at(-1).payload.note).toBe(change.note ?? null);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120000);

  it('lists or refuses, whatever the query parameters', async () => {
    const param = fc.oneof(nastyString, timestamp, fc.integer().map(String), email);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(
            'page',
            'page_size',
            'status',
            'priority',
            'case_type',
            'created_by',
            'search',
            'date_gte',
            'date_lte',
            'sort_by',
            'sort_order',
            'other',
          ),
          fc.oneof(param, fc.array(param, { maxLength: 2 })),
          { maxKeys: 4 },
        ),
        async (query) => {
          expectClientOutcome(await request(t.http).get('/api/v1/cases').query(query));
        },
      ),
      { numRuns: RUNS },
    );
  }, 120000);
});
