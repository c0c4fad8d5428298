import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aCase, aQuery } from '../factories/case.factory.js';
import { startTestApp, TestApp } from '../setup/test-app.js';

type RecordBody = {
  query_text: string;
  analysis: { fingerprint: string | null } | null;
  fingerprint_cases: number | null;
};

/** Figures kept by counters (migrations 0010 and 0011), read back through the API. */
describe('fingerprints and stats', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const create = async (queries: Record<string, unknown>[], overrides = {}) => {
    const res = await request(t.http)
      .post('/api/v1/cases')
      .send(aCase({ queries, ...overrides }));
    expect(res.status).toBe(201);
    return res.body.data as { id: string; queries: RecordBody[] };
  };
  const fingerprintOf = async (text: string) =>
    (await create([aQuery({ query_text: text })])).queries[0].analysis!.fingerprint!;
  /**
   * Counts every queued write into the counters, as the service's background count does.
   * count_queued() gives up at once (0) while that count holds the lock, so the lock is
   * taken first: waiting for a count in flight to commit, then counting what is left.
   */
  const countQueued = () =>
    t.db.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(1130011, 0)`;
      while ((await tx<{ n: number }[]>`select count_queued(10000) as n`)[0].n > 0);
    });

  describe('one fingerprint', () => {
    let shape: string;
    let first: { id: string; queries: RecordBody[] };
    beforeAll(async () => {
      // One shape (literals, white space, keyword case and the aliased table's name differ),
      // three times in one case and once, untimed, in another.
      first = await create([
        aQuery({
          query_text: 'SELECT * FROM ledger l WHERE l.id = 1',
          execution_time_ms: 10,
          rows_affected: 1,
          executed_at: '2025-03-01T10:00:00.000Z',
        }),
        aQuery({
          query_text: 'select *  from ledger l where l.id = 22',
          execution_time_ms: 30,
          rows_affected: 2,
          executed_at: '2025-03-02T10:00:00.000Z',
        }),
        aQuery({
          query_text: 'SELECT * FROM ledger_archive l WHERE l.id = 3',
          execution_time_ms: 20,
          rows_affected: 3,
          executed_at: '2025-03-03T10:00:00.000Z',
        }),
      ]);
      shape = first.queries[0].analysis!.fingerprint!;
      expect(first.queries.map((q) => q.analysis!.fingerprint)).toEqual([shape, shape, shape]);
      await create([
        aQuery({
          query_text: 'SELECT * FROM ledger l WHERE l.id = 4',
          execution_time_ms: null,
          rows_affected: null,
          executed_at: '2025-02-28T10:00:00.000Z',
        }),
      ]);
    });

    it('has its figures: occurrences, distinct cases, times, rows, tables, first and last seen', async () => {
      const res = await request(t.http).get(`/api/v1/fingerprints/${shape}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        fingerprint: shape,
        analyzer_version: 'pg18-v1',
        normalized: 'SELECT * FROM ledger l WHERE l.id = $1',
        statement_types: ['SelectStmt'],
        classes: ['READ'],
        tables: ['public.ledger', 'public.ledger_archive'],
        occurrences: 4,
        distinct_cases: 2,
        execution_time_ms: { timed: 3, total: 60, p50: 20, p95: 30, max: 30 },
        rows_affected_sum: 6,
        first_seen: '2025-02-28T10:00:00.000Z',
        last_seen: '2025-03-03T10:00:00.000Z',
      });
    });

    it('counts a case once however many of its records share the shape', async () => {
      const appended = await request(t.http)
        .post(`/api/v1/cases/${first.id}/queries`)
        .send({ queries: [aQuery({ query_text: 'SELECT * FROM ledger l WHERE l.id = 9' })] });
      expect(appended.status).toBe(201);
      expect(appended.body.data.items[0].fingerprint_cases).toBe(2);
      const res = await request(t.http).get(`/api/v1/fingerprints/${shape}`);
      expect(res.body.data).toMatchObject({ occurrences: 5, distinct_cases: 2 });
    });

    it('keeps a shape that names no table', async () => {
      const shapeless = await fingerprintOf('SELECT 1 + 1');
      await fingerprintOf('select 2 + 2');
      const res = await request(t.http).get(`/api/v1/fingerprints/${shapeless}`);
      expect(res.body.data).toMatchObject({ tables: [], occurrences: 2, distinct_cases: 2 });
    });

    it('says on each record of the detail how many cases hold its fingerprint', async () => {
      const other = await create([
        aQuery({ query_text: 'SELECT * FROM ledger l WHERE l.id = 5' }),
        aQuery({ query_text: 'SELECT 1 FROM a_table_nobody_reads' }),
        aQuery({ query_text: 'SELECT TOP 1 * FROM t' }),
      ]);
      // The create answers with the counts its own records leave.
      expect(other.queries.map((q) => q.fingerprint_cases)).toEqual([3, 1, null]);
      const detail = await request(t.http).get(`/api/v1/cases/${other.id}`);
      expect((detail.body.data.queries as RecordBody[]).map((q) => q.fingerprint_cases)).toEqual([
        3,
        1,
        null,
      ]);
      const page = await request(t.http).get(`/api/v1/cases/${other.id}/queries`);
      expect((page.body.data.items as RecordBody[]).map((q) => q.fingerprint_cases)).toEqual([
        3,
        1,
        null,
      ]);
    });

    it('answers 404 FINGERPRINT_NOT_FOUND for a shape never recorded, 422 for a malformed one', async () => {
      const missing = await request(t.http).get('/api/v1/fingerprints/0123456789abcdef');
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({
        success: false,
        data: null,
        errors: [expect.objectContaining({ code: 'FINGERPRINT_NOT_FOUND', field: 'fingerprint' })],
      });
      for (const bad of ['0123456789ABCDEF', '0123', 'zzzzzzzzzzzzzzzz', '0123456789abcdef0']) {
        const res = await request(t.http).get(`/api/v1/fingerprints/${bad}`);
        expect([bad, res.status, res.body.errors[0].field]).toEqual([bad, 422, 'fingerprint']);
      }
    });
  });

  describe('the top list', () => {
    let busy: string, slow: string, idle: string;
    beforeAll(async () => {
      const timed = (text: string, ms: number | null) =>
        aQuery({ query_text: text, execution_time_ms: ms });
      // busy: 4 quick runs (total 40); slow: 2 long runs (total 1000, p95 900); idle: no time.
      await create([1, 2, 3, 4].map((i) => timed(`SELECT ${i} FROM top_busy`, 10)));
      await create([timed('SELECT 1 FROM top_slow', 100), timed('SELECT 2 FROM top_slow', 900)]);
      await create([timed('SELECT 1 FROM top_idle', null)]);
      [busy, slow, idle] = await Promise.all(
        ['SELECT 0 FROM top_busy', 'SELECT 0 FROM top_slow', 'SELECT 0 FROM top_idle'].map(
          fingerprintOf,
        ),
      );
    });

    const order = async (query: string) => {
      const res = await request(t.http).get(`/api/v1/fingerprints?page_size=100&${query}`);
      expect(res.status).toBe(200);
      const items = res.body.data.items as { fingerprint: string }[];
      return items.map((f) => f.fingerprint).filter((f) => [busy, slow, idle].includes(f));
    };

    it('sorts by occurrences, total time or p95, most first unless asked', async () => {
      expect(await order('')).toEqual([busy, slow, idle]);
      expect(await order('sort_by=total_time')).toEqual([slow, busy, idle]);
      expect(await order('sort_by=p95')).toEqual([slow, busy, idle]);
      expect(await order('sort_by=p95&sort_order=asc')).toEqual([idle, busy, slow]);
    });

    it('pages, with the total', async () => {
      const all = await request(t.http).get('/api/v1/fingerprints?page_size=100');
      const total = all.body.data.total as number;
      expect(all.body.data.items).toHaveLength(total);
      const second = await request(t.http).get('/api/v1/fingerprints?page=2&page_size=2');
      expect(second.body.data).toMatchObject({ total, page: 2, page_size: 2 });
      expect(second.body.data.items).toEqual(all.body.data.items.slice(2, 4));
    });

    it('refuses unknown sorts and sizes with the field named', async () => {
      for (const [query, field] of [
        ['sort_by=title', 'sort_by'],
        ['sort_order=up', 'sort_order'],
        ['page_size=101', 'page_size'],
        ['page=0', 'page'],
      ]) {
        const res = await request(t.http).get(`/api/v1/fingerprints?${query}`);
        expect([query, res.status, res.body.errors[0].field]).toEqual([query, 422, field]);
      }
    });
  });

  describe('stats', () => {
    let resolvedId: string;
    beforeAll(async () => {
      const older = { executed_at: '2024-06-01T08:00:00.000Z' };
      const a = await create([
        aQuery({ query_text: 'DELETE FROM stats_sessions', database_name: 'prod_db', ...older }),
        aQuery({ query_text: 'SELECT * FROM stats_orders WHERE id = 1', ...older }),
      ]);
      await create(
        [
          aQuery({
            query_text: 'UPDATE stats_orders SET total = 0',
            database_name: 'prod_db',
            executed_at: '2024-06-02T08:00:00.000Z',
          }),
        ],
        { priority: 'critical', case_type: 'investigation' },
      );
      resolvedId = a.id;
      for (const status of ['in_progress', 'resolved']) {
        const moved = await request(t.http)
          .post(`/api/v1/cases/${a.id}/status`)
          .send({ status, changed_by: 'analyst@example.com' });
        expect(moved.status).toBe(201);
      }
    });

    const stats = async (query = '') => {
      const res = await request(t.http).get(`/api/v1/stats${query}`);
      expect(res.status).toBe(200);
      return res.body.data;
    };

    it('counts the cases by current status, priority and type, and per day', async () => {
      const s = await stats();
      const listed = await request(t.http).get('/api/v1/cases?page_size=1');
      const total = listed.body.data.total as number;
      expect(s.cases.total).toBe(total);
      const sum = (counts: Record<string, number>) =>
        Object.values(counts).reduce((a, b) => a + b, 0);
      expect([sum(s.cases.by_status), sum(s.cases.by_priority), sum(s.cases.by_type)]).toEqual([
        total,
        total,
        total,
      ]);
      expect(s.cases.by_status.resolved).toBe(1);
      expect(s.cases.by_status.open).toBe(total - 1);
      expect(s.cases.by_priority.critical).toBe(1);
      expect(s.cases.by_type.investigation).toBe(1);
      const today = new Date().toISOString().slice(0, 10);
      expect(s.opened_per_day).toEqual([{ date: today, cases: total }]);
      expect(s.time_to_resolve.resolved_cases).toBe(1);
      expect(s.time_to_resolve.p50_seconds).toBeGreaterThanOrEqual(0);
      expect(s.time_to_resolve.p95_seconds).toBe(s.time_to_resolve.p50_seconds);
    });

    it('lists flagged queries by flag and database, and the top tables and fingerprints', async () => {
      const s = await stats('?date_gte=2024-06-01&date_lte=2024-06-02');
      // No case was created in those days; their query records were executed then.
      expect(s.cases.total).toBe(0);
      expect(s.opened_per_day).toEqual([]);
      expect(s.time_to_resolve).toEqual({
        resolved_cases: 0,
        p50_seconds: null,
        p95_seconds: null,
      });
      expect(s.flagged_queries).toEqual([
        { flag: 'DELETE_WITHOUT_WHERE', database_name: 'prod_db', queries: 1 },
        { flag: 'UPDATE_WITHOUT_WHERE', database_name: 'prod_db', queries: 1 },
      ]);
      expect(s.top_tables).toEqual([
        { table: 'public.stats_orders', queries: 2 },
        { table: 'public.stats_sessions', queries: 1 },
      ]);
      expect(s.top_fingerprints).toHaveLength(3);
      expect(s.top_fingerprints.map((f: { normalized: string }) => f.normalized).sort()).toEqual([
        'DELETE FROM stats_sessions',
        'SELECT * FROM stats_orders WHERE id = $1',
        'UPDATE stats_orders SET total = $1',
      ]);
      const oneDay = await stats('?date_gte=2024-06-02&date_lte=2024-06-02');
      expect(oneDay.flagged_queries).toEqual([
        { flag: 'UPDATE_WITHOUT_WHERE', database_name: 'prod_db', queries: 1 },
      ]);
      expect(oneDay.period).toEqual({ date_gte: '2024-06-02', date_lte: '2024-06-02' });
    });

    it('moves a case between status counts as its status changes', async () => {
      const before = (await stats()).cases.by_status;
      const closed = await request(t.http)
        .post(`/api/v1/cases/${resolvedId}/status`)
        .send({ status: 'closed', changed_by: 'analyst@example.com' });
      expect(closed.status).toBe(201);
      const after = (await stats()).cases.by_status;
      expect(after).toEqual({
        ...before,
        resolved: before.resolved - 1,
        closed: before.closed + 1,
      });
    });

    it('refuses dates that are not calendar days', async () => {
      for (const [query, field] of [
        ['date_gte=2025-02-30', 'date_gte'],
        ['date_lte=2025-1-1', 'date_lte'],
        ['date_gte=2025-01-01T00:00:00Z', 'date_gte'],
        ['date_lte=0023-01-01', 'date_lte'],
      ]) {
        const res = await request(t.http).get(`/api/v1/stats?${query}`);
        expect([query, res.status, res.body.errors[0].field]).toEqual([query, 422, field]);
      }
    });
  });

  it('totals a list filtered by one table or one fingerprint from its counter, as a count would', async () => {
    const fingerprint = await fingerprintOf('SELECT * FROM ledger l WHERE l.id = 1');
    for (const filter of ['table=PUBLIC.Ledger', `fingerprint=${fingerprint}`]) {
      const counted = await request(t.http).get(`/api/v1/cases?${filter}&page_size=50`);
      // With another filter that every case meets, the total is a count of the rows.
      const recounted = await request(t.http).get(
        `/api/v1/cases?${filter}&page_size=50&date_gte=1900-01-01`,
      );
      expect(counted.body.data.total).toBeGreaterThan(1);
      expect(counted.body.data.total).toBe(recounted.body.data.total);
      expect(counted.body.data.items).toHaveLength(counted.body.data.total);
    }
  });

  it('counts a case once per table, whether its records of the table are queued or counted', async () => {
    const total = async () =>
      (await request(t.http).get('/api/v1/cases?table=public.pairs_t').expect(200)).body.data.total;
    const counted = await create([aQuery({ query_text: 'SELECT 1 FROM pairs_t' })]);
    await countQueued();
    const held = await t.db.sql.reserve();
    try {
      // The background count waits: what follows stays queued.
      await held`select pg_advisory_lock(1130011, 0)`;
      await request(t.http)
        .post(`/api/v1/cases/${counted.id}/queries`)
        .send({ queries: [aQuery({ query_text: 'DELETE FROM pairs_t' })] })
        .expect(201);
      await create([
        aQuery({ query_text: 'SELECT 2 FROM pairs_t' }),
        aQuery({ query_text: 'SELECT 3 FROM pairs_t JOIN pairs_t p USING (k)' }),
      ]);
      expect(await total()).toBe(2);
      await held`select pg_advisory_unlock(1130011, 0)`;
    } finally {
      held.release();
    }
    await countQueued();
    expect(await total()).toBe(2);
    const [stats] = await t.db.sql<{ cases: string }[]>`
      select cases from table_stats where table_name = 'public.pairs_t'`;
    expect(Number(stats.cases)).toBe(2);
  });

  it('answers the same figures for writes still queued as once they are counted', async () => {
    // The background count waits while this session holds its lock.
    const held = await t.db.sql.reserve();
    try {
      await held`select pg_advisory_lock(1130011, 0)`;
      const made = await create([
        aQuery({ query_text: 'SELECT * FROM queued_a WHERE k = 1', execution_time_ms: 7 }),
        aQuery({ query_text: 'DELETE FROM queued_b', database_name: 'queued_db' }),
      ]);
      await create([
        aQuery({ query_text: 'SELECT * FROM queued_a WHERE k = 2', execution_time_ms: 900 }),
      ]);
      for (const status of ['in_progress', 'resolved']) {
        const moved = await request(t.http)
          .post(`/api/v1/cases/${made.id}/status`)
          .send({ status, changed_by: 'a@b.co' });
        expect(moved.status).toBe(201);
      }
      const shape = made.queries[0].analysis!.fingerprint!;
      const read = async () =>
        Promise.all(
          [
            `/api/v1/fingerprints/${shape}`,
            '/api/v1/fingerprints?sort_by=p95&page_size=100',
            '/api/v1/fingerprints?sort_by=occurrences&sort_order=asc&page_size=3&page=2',
            '/api/v1/stats',
            '/api/v1/cases?table=public.queued_a',
            `/api/v1/cases?fingerprint=${shape}`,
            '/api/v1/cases?status=resolved',
            `/api/v1/cases/${made.id}`,
          ].map(async (path) => {
            const res = await request(t.http).get(path);
            expect([path, res.status]).toEqual([path, 200]);
            return res.body.data;
          }),
        );
      const queued = await read();
      expect(queued[0]).toMatchObject({ occurrences: 2, distinct_cases: 2 });
      expect(queued[4].total).toBe(2);
      const [{ rows }] = await t.db.sql<{ rows: string }[]>`
        select (select count(*) from analyses_to_count)
             + (select count(*) from case_changes_to_count) as rows`;
      expect(Number(rows)).toBeGreaterThan(0);

      await held`select pg_advisory_unlock(1130011, 0)`;
      await countQueued();
      const [{ left }] = await t.db.sql<{ left: string }[]>`
        select (select count(*) from analyses_to_count)
             + (select count(*) from case_changes_to_count) as left`;
      expect(Number(left)).toBe(0);
      expect(await read()).toEqual(queued);
    } finally {
      held.release();
    }
  });

  it('keeps the counters equal to a recount after concurrent writes of shared shapes', async () => {
    const texts = [
      'SELECT * FROM race_a WHERE id = 1',
      'DELETE FROM race_b',
      'SELECT 1 FROM race_c',
    ];
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        create(
          [0, 1, 2].map((k) => aQuery({ query_text: texts[(i + k) % 3], execution_time_ms: i })),
        ),
      ),
    );
    const sql = t.db.sql;
    const recount = sql`
      select a.fingerprint, count(*) as occurrences, count(distinct q.case_id) as cases,
             coalesce(sum(q.execution_time_ms), 0) as total_time_ms
      from query_analyses a join query_records q on q.id = a.query_id
      where a.fingerprint is not null
      group by a.fingerprint`;
    // As read (counted plus queued), then with the queue counted into the table.
    const driftFrom = (stats: ReturnType<typeof sql>) => sql`
      with recount as (${recount}), stats as (${stats})
      select r.fingerprint from recount r
      full join stats s using (fingerprint)
      where (r.occurrences, r.cases, r.total_time_ms)
            is distinct from (s.occurrences, s.cases, s.total_time_ms)`;
    expect(
      await driftFrom(sql`
        select * from fingerprint_stats_of('pg18-v1',
          array(select distinct fingerprint from query_analyses))`),
    ).toEqual([]);
    await countQueued();
    const drift = await driftFrom(sql`select * from fingerprint_stats`);
    expect(drift).toEqual([]);
  });
});
