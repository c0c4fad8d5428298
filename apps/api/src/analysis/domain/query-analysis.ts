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
  parsed: boolean;
  /** Why the text did not parse, and where (0-based character offset); null when it did. */
  parseError: { message: string; position: number | null } | null;
  /** pg_query's fingerprint (hex); null when the text did not parse. */
  fingerprint: string | null;
  /** The text with its literals as `$n`; null when the text did not parse. */
  normalized: string | null;
  /** One per statement, in order: the parse node's name (`SelectStmt`). */
  statementTypes: string[];
  /** One per statement, in order. */
  classes: StatementClass[];
  /** Sorted, distinct `schema.table`. */
  tables: string[];
  /** Sorted, distinct. */
  flags: QueryFlag[];
}

/** Reads a query text; a port, so use cases do not load the parser themselves. */
export abstract class SqlAnalyzer {
  /** Never throws: a text that does not parse is an analysis with `parsed: false`. */
  abstract analyze(text: string, defaultSchema: string): QueryAnalysis;
}
