import { Injectable } from '@nestjs/common';
import {
  EXPORT_BATCH_RECORDS,
  EXPORT_PAGE_CASES,
  ExportPiece,
  recordBatches,
} from '../domain/case-export.js';
import type { CaseFilter } from '../domain/case-list.js';
import type { StoredQueryRecord } from '../domain/case.js';
import { ExportLimiter } from '../export/export-limiter.js';
import { CasesRepository } from '../persistence/cases.repository.js';

export interface ExportRequest {
  filter: CaseFilter;
  /** Who asks, for the per-client limit. */
  clientKey: string;
  /** Aborted when nobody reads the export any more: no further page is read. */
  signal: AbortSignal;
}

/** Every case a filter chooses, with all its records, in (created_at, id) order. */
@Injectable()
export class ExportCasesUseCase {
  constructor(
    private readonly cases: CasesRepository,
    private readonly limiter: ExportLimiter,
  ) {}

  /**
   * Hands the export to `consume` once the limiter lets the client export (or throws its
   * refusal first), and holds the client's turn until `consume` settles. The export is
   * read as `consume` pulls it: a page of cases, then their records batch by batch, each
   * batch yielded as its pieces in order; nothing is read ahead.
   */
  execute<T>(
    request: ExportRequest,
    consume: (batches: AsyncIterable<ExportPiece[]>) => Promise<T>,
  ): Promise<T> {
    return this.limiter.run(request.clientKey, () =>
      consume(this.batches(request.filter, request.signal)),
    );
  }

  private async *batches(filter: CaseFilter, signal: AbortSignal): AsyncGenerator<ExportPiece[]> {
    for await (const page of this.cases.exportPages(filter, EXPORT_PAGE_CASES, signal)) {
      for (const slices of recordBatches(page, EXPORT_BATCH_RECORDS)) {
        signal.throwIfAborted();
        const byCase = groupByCase(await this.cases.exportQueries(slices, signal));
        yield slices.map((slice) => ({ ...slice, queries: byCase.get(slice.case.id) ?? [] }));
      }
    }
  }
}

/** A batch holds at most one slice per case, so its records group by case id. */
function groupByCase(records: StoredQueryRecord[]): Map<string, StoredQueryRecord[]> {
  const byCase = new Map<string, StoredQueryRecord[]>();
  for (const record of records) {
    const group = byCase.get(record.caseId);
    if (group) group.push(record);
    else byCase.set(record.caseId, [record]);
  }
  return byCase;
}
