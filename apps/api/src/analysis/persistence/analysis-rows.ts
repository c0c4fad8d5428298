import type { QueryAnalysis } from '../domain/query-analysis.js';

/** A `query_analyses` row: what the parser made of one record's text. */
export function analysisRow(queryId: string, a: QueryAnalysis) {
  return {
    query_id: queryId,
    analyzer_version: a.analyzerVersion,
    parsed: a.parsed,
    parse_error_message: a.parseError?.message ?? null,
    parse_error_position: a.parseError?.position ?? null,
    fingerprint: a.fingerprint,
    normalized: a.normalized,
    statement_types: a.statementTypes,
    classes: a.classes,
    tables: a.tables,
    flags: a.flags,
  };
}
