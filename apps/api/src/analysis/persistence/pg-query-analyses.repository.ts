import type { Database } from '@app/database';
import type { QueryAnalysis } from '../domain/query-analysis.js';
import { analysisRow } from './analysis-rows.js';

/** A record's text, as the analyzer needs it. */
export interface RecordText {
  id: string;
  queryText: string;
  schemaName: string;
}

/** The stored analyses, as `queries:reanalyze` fills them in. */
export class PgQueryAnalyses {
  constructor(private readonly db: Database) {}

  /** Up to `limit` records after `after` (by id) without an analysis of `version`. */
  async unanalysed(version: string, after: string, limit: number): Promise<RecordText[]> {
    const rows = await this.db.query(
      (sql) => sql<{ id: string; query_text: string; schema_name: string }[]>`
        select q.id, q.query_text, q.schema_name from query_records q
        where q.id > ${after} and not exists (
          select 1 from query_analyses a
          where a.query_id = q.id and a.analyzer_version = ${version})
        order by q.id
        limit ${limit}`,
    );
    return rows.map((r) => ({ id: r.id, queryText: r.query_text, schemaName: r.schema_name }));
  }

  /** Adds analyses; one a concurrent writer stored first is kept. */
  async add(analyses: { queryId: string; analysis: QueryAnalysis }[]): Promise<void> {
    if (analyses.length === 0) return;
    const rows = analyses.map(({ queryId, analysis }) => analysisRow(queryId, analysis));
    await this.db.query(
      (sql) => sql`insert into query_analyses ${sql(rows)} on conflict do nothing`,
    );
  }
}
