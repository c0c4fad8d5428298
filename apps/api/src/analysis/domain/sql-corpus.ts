import type { QueryFlag, StatementClass } from './query-analysis.js';

/** A recorded query text and what the analyzer must read in it. */
export interface CorpusCase {
  name: string;
  sql: string;
  /** The default schema; `public` when absent. */
  schema?: string;
  tables: string[];
  classes: StatementClass[];
  flags: QueryFlag[];
}

/** Texts that parse, as support engineers run them. */
export const SQL_CORPUS: CorpusCase[] = [
  {
    name: 'join with aliases and a qualified table',
    sql: `SELECT o.id, c.email, sum(l.amount)
            FROM orders o
            JOIN customers c ON c.id = o.customer_id
            LEFT JOIN billing.invoice_lines l ON l.order_id = o.id
           WHERE o.created_at > now() - interval '7 days'
           GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 50`,
    tables: ['billing.invoice_lines', 'public.customers', 'public.orders'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'unqualified names take the default schema',
    sql: 'select * from tickets t where t.status = $1',
    schema: 'support',
    tables: ['support.tickets'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'subqueries in WHERE, SELECT list and FROM',
    sql: `SELECT u.id, (SELECT count(*) FROM sessions s WHERE s.user_id = u.id) AS n
            FROM (SELECT * FROM users WHERE deleted_at IS NULL) u
           WHERE EXISTS (SELECT 1 FROM audit.logins a WHERE a.user_id = u.id)
             AND u.org_id IN (SELECT id FROM orgs WHERE plan = 'pro')`,
    tables: ['audit.logins', 'public.orgs', 'public.sessions', 'public.users'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'CTE names are not tables',
    sql: `WITH recent AS (SELECT * FROM events WHERE at > now() - interval '1 hour'),
               per_user AS (SELECT user_id, count(*) AS n FROM recent GROUP BY user_id)
          SELECT * FROM per_user p JOIN users u ON u.id = p.user_id`,
    tables: ['public.events', 'public.users'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'a non-recursive CTE named like the table it reads',
    sql: 'WITH accounts AS (SELECT * FROM accounts WHERE active) SELECT * FROM accounts',
    tables: ['public.accounts'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'a qualified name is a table even when a CTE has its name',
    sql: 'WITH accounts AS (SELECT 1) SELECT * FROM accounts, public.accounts',
    tables: ['public.accounts'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'recursive CTE',
    sql: `WITH RECURSIVE tree AS (
            SELECT id, parent_id FROM categories WHERE parent_id IS NULL
            UNION ALL
            SELECT c.id, c.parent_id FROM categories c JOIN tree t ON c.parent_id = t.id)
          SELECT * FROM tree`,
    tables: ['public.categories'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'LATERAL subquery',
    sql: `SELECT c.id, last.*
            FROM customers c
            CROSS JOIN LATERAL (SELECT * FROM orders o WHERE o.customer_id = c.id
                                 ORDER BY created_at DESC LIMIT 3) last`,
    tables: ['public.customers', 'public.orders'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'set operations and a set-returning function',
    sql: `SELECT id FROM archive.orders_2023 UNION ALL SELECT id FROM orders
          EXCEPT SELECT g FROM generate_series(1, 10) g`,
    tables: ['archive.orders_2023', 'public.orders'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'quoted identifiers keep their case, unquoted fold to lower case',
    sql: 'SELECT * FROM "Reporting"."MonthlyTotals" m JOIN Reporting.Regions r USING (region)',
    tables: ['Reporting.MonthlyTotals', 'reporting.regions'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'SELECT FOR UPDATE',
    sql: 'SELECT * FROM jobs WHERE state = $1 ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED',
    tables: ['public.jobs'],
    classes: ['READ'],
    flags: ['LOCKS_ROWS'],
  },
  {
    name: 'FOR SHARE in a subquery',
    sql: 'SELECT * FROM (SELECT * FROM accounts WHERE id = 1 FOR SHARE) a',
    tables: ['public.accounts'],
    classes: ['READ'],
    flags: ['LOCKS_ROWS'],
  },
  {
    name: 'INSERT ... SELECT with ON CONFLICT',
    sql: `INSERT INTO daily_totals (day, total)
          SELECT date_trunc('day', at), sum(amount) FROM payments GROUP BY 1
          ON CONFLICT (day) DO UPDATE SET total = EXCLUDED.total`,
    tables: ['public.daily_totals', 'public.payments'],
    classes: ['WRITE'],
    flags: [],
  },
  {
    name: 'UPDATE with FROM and WHERE',
    sql: `UPDATE orders o SET status = 'cancelled' FROM customers c
           WHERE c.id = o.customer_id AND c.blocked RETURNING o.id`,
    tables: ['public.customers', 'public.orders'],
    classes: ['WRITE'],
    flags: [],
  },
  {
    name: 'UPDATE without WHERE',
    sql: 'UPDATE users SET password_reset_required = true',
    tables: ['public.users'],
    classes: ['WRITE'],
    flags: ['UPDATE_WITHOUT_WHERE'],
  },
  {
    name: 'DELETE without WHERE',
    sql: 'DELETE FROM sessions',
    tables: ['public.sessions'],
    classes: ['WRITE'],
    flags: ['DELETE_WITHOUT_WHERE'],
  },
  {
    name: 'DELETE with USING',
    sql: 'DELETE FROM cart_items ci USING carts c WHERE c.id = ci.cart_id AND c.expired',
    tables: ['public.cart_items', 'public.carts'],
    classes: ['WRITE'],
    flags: [],
  },
  {
    name: 'data-modifying CTE makes the SELECT a write',
    sql: `WITH moved AS (DELETE FROM queue WHERE done RETURNING *)
          INSERT INTO queue_archive SELECT * FROM moved`,
    tables: ['public.queue', 'public.queue_archive'],
    classes: ['WRITE'],
    flags: [],
  },
  {
    name: 'SELECT over a data-modifying CTE without WHERE',
    sql: 'WITH gone AS (DELETE FROM tmp_import RETURNING id) SELECT count(*) FROM gone',
    tables: ['public.tmp_import'],
    classes: ['WRITE'],
    flags: ['DELETE_WITHOUT_WHERE'],
  },
  {
    name: 'UPDATE without WHERE inside a CTE',
    sql: `WITH touched AS (UPDATE accounts SET touched_at = now() RETURNING id)
          SELECT * FROM touched`,
    tables: ['public.accounts'],
    classes: ['WRITE'],
    flags: ['UPDATE_WITHOUT_WHERE'],
  },
  {
    name: 'a DML target is a table even when a CTE has its name',
    sql: 'WITH logs AS (SELECT 1) DELETE FROM logs WHERE id IN (SELECT * FROM logs)',
    tables: ['public.logs'],
    classes: ['WRITE'],
    flags: [],
  },
  {
    name: 'MERGE',
    sql: `MERGE INTO inventory i
          USING (SELECT sku, qty FROM staging.stock_counts) s ON s.sku = i.sku
          WHEN MATCHED THEN UPDATE SET qty = s.qty
          WHEN NOT MATCHED THEN INSERT (sku, qty) VALUES (s.sku, s.qty)`,
    tables: ['public.inventory', 'staging.stock_counts'],
    classes: ['WRITE'],
    flags: [],
  },
  {
    name: 'TRUNCATE',
    sql: 'TRUNCATE TABLE import_rows, staging.import_errors RESTART IDENTITY',
    tables: ['public.import_rows', 'staging.import_errors'],
    classes: ['WRITE'],
    flags: ['TRUNCATE'],
  },
  {
    name: 'CREATE TABLE',
    sql: `CREATE TABLE IF NOT EXISTS notes (
            id bigserial PRIMARY KEY,
            case_id bigint NOT NULL REFERENCES cases (id),
            body text NOT NULL)`,
    tables: ['public.cases', 'public.notes'],
    classes: ['DDL'],
    flags: [],
  },
  {
    name: 'CREATE INDEX CONCURRENTLY',
    sql: 'CREATE INDEX CONCURRENTLY idx_orders_customer ON sales.orders (customer_id)',
    tables: ['sales.orders'],
    classes: ['DDL'],
    flags: [],
  },
  {
    name: 'ALTER TABLE',
    sql: 'ALTER TABLE users ADD COLUMN last_seen timestamptz, ALTER COLUMN email SET NOT NULL',
    tables: ['public.users'],
    classes: ['DDL'],
    flags: ['ALTER'],
  },
  {
    name: 'ALTER TABLE OWNER TO',
    sql: 'ALTER TABLE payments OWNER TO finance_admin',
    tables: ['public.payments'],
    classes: ['DDL'],
    flags: ['ALTER', 'PRIVILEGE_CHANGE'],
  },
  {
    name: 'ALTER INDEX names no table',
    sql: 'ALTER INDEX idx_orders_customer RENAME TO orders_customer_idx',
    tables: [],
    classes: ['DDL'],
    flags: ['ALTER'],
  },
  {
    name: 'DROP TABLE, VIEW and MATERIALIZED VIEW',
    sql: `DROP TABLE IF EXISTS tmp_export, archive.old_orders CASCADE;
          DROP VIEW active_users;
          DROP MATERIALIZED VIEW reporting.daily_revenue`,
    tables: [
      'archive.old_orders',
      'public.active_users',
      'public.tmp_export',
      'reporting.daily_revenue',
    ],
    classes: ['DDL', 'DDL', 'DDL'],
    flags: ['DROP', 'MULTIPLE_STATEMENTS'],
  },
  {
    name: 'DROP TRIGGER and POLICY name their table',
    sql: 'DROP TRIGGER IF EXISTS audit_trg ON billing.invoices; DROP POLICY tenant_isolation ON cases',
    tables: ['billing.invoices', 'public.cases'],
    classes: ['DDL', 'DDL'],
    flags: ['DROP', 'MULTIPLE_STATEMENTS'],
  },
  {
    name: 'COMMENT ON TABLE and COLUMN',
    sql: `COMMENT ON TABLE billing.invoices IS 'one row per invoice';
          COMMENT ON COLUMN cases.status IS 'see case-status.ts'`,
    tables: ['billing.invoices', 'public.cases'],
    classes: ['DDL', 'DDL'],
    flags: ['MULTIPLE_STATEMENTS'],
  },
  {
    name: 'DROP INDEX, SCHEMA and FUNCTION name no table',
    sql: 'DROP INDEX orders_customer_idx; DROP SCHEMA scratch CASCADE; DROP FUNCTION f(int)',
    tables: [],
    classes: ['DDL', 'DDL', 'DDL'],
    flags: ['DROP', 'MULTIPLE_STATEMENTS'],
  },
  {
    name: 'CREATE TABLE AS and SELECT INTO',
    sql: `CREATE TABLE backup_users AS SELECT * FROM users;
          SELECT * INTO TEMP recent_orders FROM orders WHERE created_at > now() - interval '1 day'`,
    tables: ['public.backup_users', 'public.orders', 'public.recent_orders', 'public.users'],
    classes: ['DDL', 'DDL'],
    flags: ['MULTIPLE_STATEMENTS'],
  },
  {
    name: 'CREATE VIEW and REFRESH MATERIALIZED VIEW',
    sql: `CREATE OR REPLACE VIEW open_cases AS SELECT * FROM cases WHERE status = 'open';
          REFRESH MATERIALIZED VIEW CONCURRENTLY reporting.case_stats`,
    tables: ['public.cases', 'public.open_cases', 'reporting.case_stats'],
    classes: ['DDL', 'DDL'],
    flags: ['MULTIPLE_STATEMENTS'],
  },
  {
    name: 'CREATE FUNCTION: the body is not analysed',
    sql: `CREATE FUNCTION active_count() RETURNS bigint LANGUAGE sql
          BEGIN ATOMIC SELECT count(*) FROM users WHERE active; END`,
    tables: [],
    classes: ['DDL'],
    flags: [],
  },
  {
    name: 'GRANT and REVOKE on tables',
    sql: `GRANT SELECT, INSERT ON orders, billing.invoices TO support_ro;
          REVOKE ALL ON TABLE customers FROM PUBLIC`,
    tables: ['billing.invoices', 'public.customers', 'public.orders'],
    classes: ['ROLE', 'ROLE'],
    flags: ['MULTIPLE_STATEMENTS', 'PRIVILEGE_CHANGE'],
  },
  {
    name: 'GRANT on a schema, a sequence and all tables names no table',
    sql: `GRANT USAGE ON SCHEMA billing TO support_ro;
          GRANT USAGE ON SEQUENCE orders_id_seq TO app;
          GRANT SELECT ON ALL TABLES IN SCHEMA billing TO support_ro`,
    tables: [],
    classes: ['ROLE', 'ROLE', 'ROLE'],
    flags: ['MULTIPLE_STATEMENTS', 'PRIVILEGE_CHANGE'],
  },
  {
    name: 'roles',
    sql: `CREATE ROLE auditor LOGIN PASSWORD 'x';
          ALTER ROLE auditor SET statement_timeout = '5s';
          GRANT pg_read_all_data TO auditor;
          DROP ROLE old_admin`,
    tables: [],
    classes: ['ROLE', 'ROLE', 'ROLE', 'ROLE'],
    flags: ['DROP', 'MULTIPLE_STATEMENTS', 'PRIVILEGE_CHANGE'],
  },
  {
    name: 'ALTER DEFAULT PRIVILEGES',
    sql: 'ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT SELECT ON TABLES TO support_ro',
    tables: [],
    classes: ['DDL'],
    flags: ['ALTER', 'PRIVILEGE_CHANGE'],
  },
  {
    name: 'COPY TO STDOUT',
    sql: 'COPY (SELECT id, email FROM users WHERE org_id = 7) TO STDOUT WITH (FORMAT csv)',
    tables: ['public.users'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'COPY FROM a file',
    sql: "COPY staging.stock_counts (sku, qty) FROM '/tmp/counts.csv' WITH (FORMAT csv)",
    tables: ['staging.stock_counts'],
    classes: ['WRITE'],
    flags: [],
  },
  {
    name: 'COPY TO PROGRAM',
    sql: "COPY audit_log TO PROGRAM 'gzip > /tmp/audit.csv.gz'",
    tables: ['public.audit_log'],
    classes: ['READ'],
    flags: ['COPY_PROGRAM'],
  },
  {
    name: 'DO block: the body is not analysed',
    sql: `DO $$ BEGIN
            DELETE FROM sessions;
            EXECUTE 'DROP TABLE ' || 'x';
          END $$`,
    tables: [],
    classes: ['FUNCTION'],
    flags: [],
  },
  {
    name: 'CALL',
    sql: "CALL billing.close_month('2026-11')",
    tables: [],
    classes: ['FUNCTION'],
    flags: [],
  },
  {
    name: 'plain EXPLAIN only plans',
    sql: 'EXPLAIN (COSTS OFF) UPDATE users SET active = false',
    tables: ['public.users'],
    classes: ['MISC'],
    flags: [],
  },
  {
    name: 'EXPLAIN ANALYZE of a SELECT',
    sql: 'EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM orders WHERE id = 42',
    tables: ['public.orders'],
    classes: ['READ'],
    flags: [],
  },
  {
    name: 'EXPLAIN ANALYZE of a write runs it',
    sql: "EXPLAIN ANALYZE DELETE FROM orders WHERE created_at < now() - interval '5 years'",
    tables: ['public.orders'],
    classes: ['WRITE'],
    flags: ['EXECUTES_WRITE_IN_EXPLAIN'],
  },
  {
    name: 'EXPLAIN (ANALYZE off) does not run it',
    sql: 'EXPLAIN (ANALYZE off) DELETE FROM orders',
    tables: ['public.orders'],
    classes: ['MISC'],
    flags: [],
  },
  {
    name: 'several statements in a transaction',
    sql: `BEGIN;
          UPDATE accounts SET balance = balance - 100 WHERE id = 1;
          UPDATE accounts SET balance = balance + 100 WHERE id = 2;
          COMMIT;`,
    tables: ['public.accounts'],
    classes: ['MISC', 'WRITE', 'WRITE', 'MISC'],
    flags: ['MULTIPLE_STATEMENTS'],
  },
  {
    name: 'SET, SHOW, LOCK, CHECKPOINT, DISCARD',
    sql: `SET search_path TO billing, public; SHOW work_mem;
          LOCK TABLE invoices IN ACCESS EXCLUSIVE MODE; CHECKPOINT; DISCARD ALL; ROLLBACK`,
    tables: ['public.invoices'],
    classes: ['MISC', 'MISC', 'MISC', 'MISC', 'MISC', 'MISC'],
    flags: ['MULTIPLE_STATEMENTS'],
  },
  {
    name: 'VACUUM and ANALYZE',
    sql: 'VACUUM (VERBOSE, ANALYZE) orders; ANALYZE billing.invoices',
    tables: ['billing.invoices', 'public.orders'],
    classes: ['MISC', 'MISC'],
    flags: ['MULTIPLE_STATEMENTS'],
  },
  {
    name: 'a trailing semicolon is one statement',
    sql: 'SELECT 1;',
    tables: [],
    classes: ['READ'],
    flags: [],
  },
];

/** Texts PostgreSQL does not parse: its message, and where it stopped (0-based). */
export const UNPARSABLE: { name: string; sql: string; message: string; position: number }[] = [
  {
    name: 'MySQL backticks',
    sql: 'SELECT `id`, `name` FROM `users`',
    message: 'syntax error at or near ","',
    position: 11,
  },
  {
    name: 'MySQL LIMIT offset, count',
    sql: 'SELECT * FROM orders LIMIT 10, 20',
    message: 'LIMIT #,# syntax is not supported',
    position: 21,
  },
  {
    name: 'T-SQL TOP',
    sql: 'SELECT TOP 10 * FROM orders',
    message: 'syntax error at or near "10"',
    position: 11,
  },
  {
    name: 'T-SQL brackets',
    sql: 'SELECT [id] FROM [dbo].[Users]',
    message: 'syntax error at or near "["',
    position: 7,
  },
  {
    name: 'prose',
    sql: 'Customer says the export is slow, please check the orders table',
    message: 'syntax error at or near "Customer"',
    position: 0,
  },
  {
    name: 'cut off',
    sql: 'SELECT * FROM orders WHERE',
    message: 'syntax error at end of input',
    position: 26,
  },
];
