import postgres from 'postgres';

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
 * Fills a migrated database with `cases` cases, 3 query records and 4 events each, in
 * set-based SQL (no HTTP): about 20 s per 100k cases here. Seeded events carry
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
    // Counters are rebuilt once at the end instead of by a trigger per row: a million
    // updates of a few hundred counter rows in 50k-row transactions would leave them
    // bloated in a way no running service produces.
    await sql`alter table support_cases disable trigger support_cases_count_insert`;
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
        new_queries as (
          insert into query_records (
            id, case_id, position, database_name, schema_name, query_text, execution_time_ms,
            rows_affected, result, executed_by, executed_at, recorded_at)
          select gen_random_uuid(), c.id, p, 'db_' || p, 'public',
                 'SELECT * FROM ' || split_part(c.title, ' ', 1) || ' WHERE id > ' || p,
                 (p * 37) % 900, p * 100, null, c.created_by, c.created_at, c.created_at
          from new_cases c, generate_series(1, 3) p
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
      log(`  seeded ${to.toLocaleString('en')} / ${cases.toLocaleString('en')} cases`);
    }
    await sql.begin(async (tx) => {
      await tx`delete from case_counts`;
      await tx`
        insert into case_counts (status, priority, case_type, shard, n)
        select status, priority, case_type, 0, count(*)
        from support_cases group by status, priority, case_type`;
      await tx`alter table support_cases enable trigger support_cases_count_insert`;
      await tx`alter table support_cases enable trigger support_cases_match_events`;
    });
    await sql`vacuum (analyze) support_cases`;
    await sql`vacuum (analyze) query_records`;
    await sql`vacuum (analyze) case_events`;
    await sql`vacuum (full, analyze) case_counts`;
  } finally {
    await sql.end();
  }
}
