import type { Database } from '@app/database';
import { SqlAnalyzer } from './domain/query-analysis.js';
import { analysisRow } from './persistence/analysis-rows.js';

export interface ReanalyzeProgress {
  /** Records given an analysis of `version` so far in this run. */
  analysed: number;
  /** Records the analyzer could not read (its worker failed); a later run retries them. */
  skipped: number;
}

/**
 * Gives every query record that lacks one an analysis of `version`, in batches by record
 * id: resumable (a record already analysed at this version is skipped, and a concurrent
 * writer's rows win), constant memory (one batch at a time), and a progress report per
 * batch. Older versions' rows stay; the API shows the newest.
 */
export async function reanalyze(
  db: Database,
  analyzer: SqlAnalyzer,
  version: string,
  onBatch: (progress: ReanalyzeProgress) => void,
  batchSize = 500,
): Promise<ReanalyzeProgress> {
  const progress: ReanalyzeProgress = { analysed: 0, skipped: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db.query(
      (sql) => sql<{ id: string; query_text: string; schema_name: string }[]>`
        select q.id, q.query_text, q.schema_name from query_records q
        where q.id > ${after} and not exists (
          select 1 from query_analyses a
          where a.query_id = q.id and a.analyzer_version = ${version})
        order by q.id
        limit ${batchSize}`,
    );
    if (batch.length === 0) return progress;
    after = batch[batch.length - 1].id;
    const analyses = await Promise.all(
      batch.map((q) => analyzer.analyze(q.query_text, q.schema_name)),
    );
    const rows = batch.flatMap((q, i) => {
      const analysis = analyses[i];
      return analysis && analysis.analyzerVersion === version ? [analysisRow(q.id, analysis)] : [];
    });
    if (rows.length > 0) {
      await db.query((sql) => sql`insert into query_analyses ${sql(rows)} on conflict do nothing`);
    }
    progress.analysed += rows.length;
    progress.skipped += batch.length - rows.length;
    onBatch({ ...progress });
  }
}
