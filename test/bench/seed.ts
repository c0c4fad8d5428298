import postgres from 'postgres';
import { analysisRow } from '../../apps/api/src/analysis/persistence/analysis-rows.js';
import { QueryAnalyzer } from '../../apps/api/src/analysis/domain/query-analyzer.js';

/** Words titles and descriptions are made of; W3 searches for one of them. */
const TOPICS = [
  'invoice',
  'sales',
  'refund',
  'login',
  'export',
  'latency',
  'billing',
  'report',
  'payroll',
  'shipping',
  'inventory',
  'audit',
  'pricing',
  'tax',
  'churn',
  'forecast',
  'backup',
  'quota',
  'webhook',
  'import',
];

/**
 * What the seeded records ran: everyday reads and writes and a few risky statements, so
 * the table, class and flag filters and the aggregates meet selective and frequent values
 * alike. `{n}` becomes a number that varies per record (one fingerprint per template).
 */
export const QUERY_TEMPLATES = [
  'SELECT * FROM sales WHERE region_id = {n}',
  'SELECT id, total FROM billing.invoices WHERE customer_id = {n} ORDER BY issued_at DESC',
  'SELECT c.name, sum(o.total) FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id = {n} GROUP BY c.name',
  "SELECT count(*) FROM events WHERE created_at > now() - interval '{n} days'",
  'SELECT * FROM accounts WHERE id = {n} FOR UPDATE',
  'WITH recent AS (SELECT * FROM orders WHERE id > {n}) SELECT count(*) FROM recent',
  'UPDATE accounts SET balance = balance - {n} WHERE id = 42',
  "UPDATE orders SET status = 'shipped' WHERE id = {n}",
  "INSERT INTO audit.notes (body) VALUES ('note {n}')",
  "DELETE FROM sessions WHERE expires_at < now() - interval '{n} hours'",
  'SELECT p.sku, i.qty FROM inventory.items i JOIN products p ON p.id = i.product_id WHERE i.qty < {n}',
  'EXPLAIN SELECT * FROM payments WHERE amount > {n}',
  'SELECT * FROM shipments s WHERE s.id = {n}',
  'SELECT avg(latency_ms) FROM metrics.requests WHERE route_id = {n}',
  'SELECT * FROM refunds WHERE order_id = {n}',
  'SELECT * FROM payroll.salaries WHERE employee_id = {n}',
  'VACUUM ANALYZE orders',
  'UPDATE customers SET churn_risk = {n}',
  'DELETE FROM cart_items',
  'TRUNCATE staging.import_rows',
  'ALTER TABLE orders ADD COLUMN note_{n} text',
  'DROP TABLE IF EXISTS tmp_export_{n}',
  'GRANT SELECT ON reports.monthly TO analyst_{n}',
  "COPY (SELECT * FROM sales WHERE region_id = {n}) TO PROGRAM 'gzip > /tmp/sales.gz'",
  'EXPLAIN ANALYZE DELETE FROM webhooks WHERE id = {n}',
  'SELECT * FROM quotas WHERE tenant_id = {n}; SELECT * FROM tax_rates WHERE region_id = {n}',
  'MERGE INTO forecasts f USING staging.forecasts s ON f.id = s.id WHEN MATCHED THEN UPDATE SET value = s.value + {n}',
  'SELECT TOP {n} * FROM backups',
];
const DATABASES = ['sales_db', 'prod_db', 'billing_db', 'analytics_db'];

/** The seeded templates' analyses (literals do not change them), as `query_analyses` rows. */
async function templateAnalyses() {
  const analyzer = await QueryAnalyzer.load();
  return QUERY_TEMPLATES.map((template, index) => ({
    index,
    ...analysisRow('', analyzer.analyze(template.replaceAll('{n}', '1'), 'public')),
  }));
}

/**
 * Fills a migrated database with `cases` cases, 3 query records (with their analyses) and
 * 4 events each, in set-based SQL (no HTTP): about 20 s per 100k cases here. The
 * analyses go in through migration 0011's trigger and queue, counted after each batch, so
 * the fingerprint and daily query counters are exactly what a running service keeps. Seeded events carry
 * placeholder hashes: `audit:verify` is not meant for a benchmark database.
 */
export async function seed(url: string, cases: number, log: (line: string) => void): Promise<void> {
  // Synchronous commits even on a throw-away server: VACUUM marks a page all-visible
  // only once the commits of its rows are flushed, and without that mark the planner
  // prices index-only scans (W2, W5) as heap fetches and picks other plans.
  const sql = postgres(url, {
    max: 1,
    onnotice: () => undefined,
    connection: { synchronous_commit: 'on' },
  });
  try {
    const analyses = sql.json(await templateAnalyses());
    // Counters are rebuilt once at the end instead of by a trigger per row: a million
    // updates of a few hundred counter rows in 50k-row transactions would leave them
    // bloated in a way no running service produces.
    await sql`alter table support_cases disable trigger support_cases_queue_changes`;
    // The seeded trail is placeholders (see above), which the row-against-events check of
    // migration 0005 would refuse; the statements a running service makes keep it on.
    await sql`alter table support_cases disable trigger support_cases_match_events`;
    const batch = 50_000;
    for (let from = 1; from <= cases; from += batch) {
      const to = Math.min(cases, from + batch - 1);
      // One statement per batch: the cases, then their records and events from the
      // rows it returns (writable CTEs), so no child insert has to look cases up.
      await sql`
        with new_cases as (
          insert into support_cases (
            id, title, description, case_type, priority, status, created_by,
            created_at, updated_at, queries_count, events_count, last_event_hash)
          select gen_random_uuid(),
                 initcap(t1) || ' ' || t2 || ' issue ' || i,
                 case when i % 3 = 0 then null
                      else 'Customer reports a ' || t2 || ' problem around ' || t1 || ' #' || i end,
                 (array['support','requirement','investigation'])[1 + floor(random() * 3)::int],
                 (array['low','medium','high','critical'])[1 + floor(random() * 4)::int],
                 (array['open','in_progress','resolved','closed'])[1 + floor(random() * 4)::int],
                 'user' || (i % 997) || '@example.com',
                 ts, ts + interval '1 minute', 3, 4, repeat('0', 64)
          from generate_series(${from}::int, ${to}::int) i,
               lateral (select ${TOPICS}::text[] as topics) w,
               lateral (select w.topics[1 + (i * 7) % ${TOPICS.length}] as t1,
                               w.topics[1 + (i * 13 + 5) % ${TOPICS.length}] as t2,
                               timestamptz '2024-01-01' + make_interval(secs => i * 20) as ts) x
          returning id, title, created_by, created_at
        ),
        planned_queries as (
          select gen_random_uuid() as id, c.id as case_id, p, c.created_by, c.created_at,
                 (abs(hashtext(c.id::text)) + p * 7) % ${QUERY_TEMPLATES.length} as template,
                 abs(hashtext(c.id::text)) % 1000 + p as n
          from new_cases c, generate_series(1, 3) p
        ),
        new_queries as (
          insert into query_records (
            id, case_id, position, database_name, schema_name, query_text, execution_time_ms,
            rows_affected, result, executed_by, executed_at, recorded_at)
          select q.id, q.case_id, q.p,
                 (${DATABASES}::text[])[1 + (q.n + q.template) % ${DATABASES.length}],
                 'public', replace((${QUERY_TEMPLATES}::text[])[1 + q.template], '{n}', q.n::text),
                 (q.n * 37 + q.template * 101) % 900, q.n * 10, null, q.created_by,
                 q.created_at, q.created_at
          from planned_queries q
        ),
        new_analyses as (
          insert into query_analyses (
            query_id, analyzer_version, parsed, parse_error_message, parse_error_position,
            fingerprint, normalized, statement_types, classes, tables, flags)
          select q.id, a.analyzer_version, a.parsed, a.parse_error_message,
                 a.parse_error_position, a.fingerprint, a.normalized,
                 array(select jsonb_array_elements_text(a.statement_types)),
                 array(select jsonb_array_elements_text(a.classes)),
                 array(select jsonb_array_elements_text(a.tables)),
                 array(select jsonb_array_elements_text(a.flags))
          from planned_queries q
          join jsonb_to_recordset(${analyses}::jsonb) as a (
            index int, analyzer_version text, parsed boolean, parse_error_message text,
            parse_error_position int, fingerprint text, normalized text,
            statement_types jsonb, classes jsonb, tables jsonb, flags jsonb)
            on a.index = q.template
        )
        insert into case_events (
          id, case_id, seq, type, actor, occurred_at, payload, prev_hash, hash_alg, hash)
        select gen_random_uuid(), c.id, s,
               case when s = 1 then 'case_created' else 'query_recorded' end,
               c.created_by, c.created_at,
               case when s = 1 then jsonb_build_object('title', c.title, 'status', 'open')
                    else jsonb_build_object('position', s - 1) end,
               case when s = 1 then null else repeat('0', 64) end,
               'sha256', repeat('0', 64)
        from new_cases c, generate_series(1, 4) s`;
      while ((await sql<{ n: number }[]>`select count_queued(50000) as n`)[0].n > 0);
      log(`  seeded ${to.toLocaleString('en')} / ${cases.toLocaleString('en')} cases`);
    }
    await sql.begin(async (tx) => {
      await tx`delete from case_counts`;
      await tx`
        insert into case_counts (status, priority, case_type, shard, n)
        select status, priority, case_type, 0, count(*)
        from support_cases group by status, priority, case_type`;
      await tx`
        insert into case_daily_counts (day, status, priority, case_type, n)
        select (created_at at time zone 'UTC')::date, status, priority, case_type, count(*)
        from support_cases group by 1, 2, 3, 4`;
      // Seeded statuses come without their events; resolved and closed cases get a time to
      // resolve of up to ten days, spread by their id.
      await tx`
        insert into case_resolution_histogram (day, bucket, n, lo, hi)
        select day, histogram_bucket(seconds), count(*), min(seconds), max(seconds)
        from (
          select (created_at at time zone 'UTC')::date as day,
                 (abs(hashtext(id::text)) % 864000)::double precision as seconds
          from support_cases where status in ('resolved', 'closed')
        ) resolved
        group by 1, 2`;
      await tx`alter table support_cases enable trigger support_cases_queue_changes`;
      await tx`alter table support_cases enable trigger support_cases_match_events`;
    });
    await sql`vacuum (analyze) support_cases`;
    await sql`vacuum (analyze) query_records`;
    await sql`vacuum (analyze) case_events`;
    for (const table of [
      // The queues every seeded analysis went through, as autovacuum would leave them.
      'analyses_to_count',
      'case_changes_to_count',
      'query_analyses',
      'fingerprint_stats',
      'fingerprint_cases',
      'fingerprint_time_histogram',
      'query_daily_counts',
      'table_cases',
      'table_stats',
      'case_daily_counts',
      'case_resolution_histogram',
    ]) {
      await sql`vacuum (analyze) ${sql(table)}`;
    }
    await sql`vacuum (full, analyze) case_counts`;
  } finally {
    await sql.end();
  }
}
