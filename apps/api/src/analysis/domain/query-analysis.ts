/** pgAudit's statement classes (https://github.com/pgaudit/pgaudit#pgauditlog). */
export const STATEMENT_CLASSES = ['READ', 'WRITE', 'FUNCTION', 'ROLE', 'DDL', 'MISC'] as const;
export type StatementClass = (typeof STATEMENT_CLASSES)[number];

/** What a recorded statement did that an auditor looks for. */
export const QUERY_FLAGS = [
  'ALTER',
  'COPY_PROGRAM',
  'DELETE_WITHOUT_WHERE',
  'DROP',
  'EXECUTES_WRITE_IN_EXPLAIN',
  'LOCKS_ROWS',
  'MULTIPLE_STATEMENTS',
  'PRIVILEGE_CHANGE',
  'TRUNCATE',
  'UPDATE_WITHOUT_WHERE',
] as const;
export type QueryFlag = (typeof QUERY_FLAGS)[number];

/** A recorded query text as PostgreSQL's own parser reads it. */
export interface QueryAnalysis {
  /** Which analyzer wrote it; a new version is added beside the old, never over it. */
  analyzerVersion: string;
  /** True also for a text without a statement (blank, `;`, only comments). */
  parsed: boolean;
  /**
   * Why the text did not parse, and where: a 0-based offset in UTF-16 code units, as
   * JavaScript indexes the string. libpg-query reports "no position" as 0 too, so a 0 may
   * mean either; null when the parser gave none at all. Null when the text parsed.
   */
  parseError: { message: string; position: number | null } | null;
  /**
   * pg_query's fingerprint (hex) of the whole text: equal across literals, `$n`, comments,
   * whitespace and keyword case. It ignores schema names, and an aliased table counts by
   * its alias (`FROM users u` and `FROM accounts u` share one), so group by it together
   * with `tables`. Null when the text did not parse or holds no statement.
   */
  fingerprint: string | null;
  /** The text with its literals as `$n`; null when it did not parse or holds no statement. */
  normalized: string | null;
  /** One per statement, in order: the parse node's name (`SelectStmt`). */
  statementTypes: string[];
  /**
   * One per statement, in order. Beyond pgAudit's list: SELECT INTO is DDL (it creates a
   * table, like CREATE TABLE AS); DECLARE CURSOR and PREPARE take their statement's class;
   * EXECUTE is MISC (what it runs is not in the text).
   */
  classes: StatementClass[];
  /**
   * Sorted, distinct `schema.table` of every table, view or materialized view named; an
   * unqualified name takes the default schema. Names are as PostgreSQL folds them (a
   * quoted name keeps its case and is not re-quoted, so a `.` inside one is ambiguous).
   */
  tables: string[];
  /**
   * Sorted, distinct. A plain EXPLAIN's statement adds its tables but no flag (it does not
   * run); EXPLAIN ANALYZE's adds both, and EXECUTES_WRITE_IN_EXPLAIN when it is a WRITE or
   * a CREATE TABLE AS / SELECT INTO. DROP is a DROP statement (not ALTER TABLE ... DROP
   * COLUMN, which is ALTER); PRIVILEGE_CHANGE also covers ALTER DEFAULT PRIVILEGES, OWNER
   * TO, DROP OWNED and REASSIGN OWNED.
   */
  flags: QueryFlag[];
}

/** Reads a query text; a port, so use cases do not load the parser themselves. */
export abstract class SqlAnalyzer {
  /**
   * Never rejects: a text that does not parse is an analysis with `parsed: false`, and
   * null means the analyzer itself could not run (the record is stored without one).
   */
  abstract analyze(text: string, defaultSchema: string): Promise<QueryAnalysis | null>;
}
