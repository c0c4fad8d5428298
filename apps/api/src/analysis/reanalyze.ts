import { SqlAnalyzer } from './domain/query-analysis.js';
import type { PgQueryAnalyses } from './persistence/pg-query-analyses.repository.js';

export interface ReanalyzeProgress {
  /** Records given an analysis of `version` so far in this run. */
  analysed: number;
  /** Records the analyzer could not read (its worker failed); a later run retries them. */
  skipped: number;
}

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Gives every query record that lacks one an analysis of `version`, in batches by record
 * id: resumable (a record already analysed at this version is skipped, and a concurrent
 * writer's rows win), constant memory (one batch at a time), and a progress report per
 * batch. Older versions' rows stay; the API shows the newest.
 */
export async function reanalyze(
  analyses: PgQueryAnalyses,
  analyzer: SqlAnalyzer,
  version: string,
  onBatch: (progress: ReanalyzeProgress) => void,
  batchSize = 500,
): Promise<ReanalyzeProgress> {
  const progress: ReanalyzeProgress = { analysed: 0, skipped: 0 };
  for (let after = FIRST_ID; ;) {
    const batch = await analyses.unanalysed(version, after, batchSize);
    if (batch.length === 0) return progress;
    after = batch[batch.length - 1].id;
    const read = await Promise.all(batch.map((r) => analyzer.analyze(r.queryText, r.schemaName)));
    const fresh = batch.flatMap((record, i) => {
      const analysis = read[i];
      return analysis?.analyzerVersion === version ? [{ queryId: record.id, analysis }] : [];
    });
    await analyses.add(fresh);
    progress.analysed += fresh.length;
    progress.skipped += batch.length - fresh.length;
    onBatch({ ...progress });
  }
}
