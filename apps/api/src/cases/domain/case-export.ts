import type { StoredQueryRecord, SupportCase } from './case.js';

/** The formats an export is written in. */
export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Cases per keyset page, and query records per read of their records. Together they bound
 * what an export holds in memory at once, whatever the number of cases or of records per
 * case: one page of case rows and one batch of records (each record ≤ 100,000 characters
 * of text and a 256 KiB result).
 */
export const EXPORT_PAGE_CASES = 200;
export const EXPORT_BATCH_RECORDS = 500;

/** A case as an export reads it: with how many records it held when its page was read. */
export interface ExportedCase extends SupportCase {
  queriesTotal: number;
}

/** Where the next keyset page starts: after this case in (created_at, id) order. */
export interface ExportCursor {
  createdAt: Date;
  id: string;
}

/**
 * Part of a case's records: positions `after` + 1 to `upTo`. A case's records are
 * numbered 1..N without gaps, and N is read with the case row, so a slice is an exact
 * range; records appended after the case's page was read are not exported.
 */
export interface ExportSlice {
  case: ExportedCase;
  after: number;
  upTo: number;
}

/** A slice with its records, in position order: what the encoders write. */
export interface ExportPiece extends ExportSlice {
  queries: StoredQueryRecord[];
}

/** True when the piece begins its case (and so carries the case's own fields first). */
export const beginsCase = (piece: ExportSlice): boolean => piece.after === 0;
/** True when the piece ends its case. */
export const endsCase = (piece: ExportSlice): boolean => piece.upTo === piece.case.queriesTotal;

/**
 * Cuts a page of cases into batches of slices holding at most `maxRecords` records in
 * all, in order. A case with more records than a batch holds is cut across batches; a
 * case without records is a slice of nothing, so it is still exported.
 */
export function recordBatches(cases: readonly ExportedCase[], maxRecords: number): ExportSlice[][] {
  const batches: ExportSlice[][] = [];
  let batch: ExportSlice[] = [];
  let room = maxRecords;
  for (const c of cases) {
    let after = 0;
    do {
      if (room === 0) {
        batches.push(batch);
        batch = [];
        room = maxRecords;
      }
      const upTo = Math.min(c.queriesTotal, after + room);
      batch.push({ case: c, after, upTo });
      room -= upTo - after;
      after = upTo;
    } while (after < c.queriesTotal);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Every page of a keyset walk: `fetch` reads up to `pageSize` items after a cursor (null:
 * from the start); a short page is the last. Each page is its own read, so nothing is
 * held between pages but the cursor.
 */
export async function* keysetPages<T>(
  fetch: (after: ExportCursor | null) => Promise<T[]>,
  pageSize: number,
  cursorOf: (last: T) => ExportCursor,
): AsyncGenerator<T[]> {
  let after: ExportCursor | null = null;
  for (;;) {
    const page = await fetch(after);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = cursorOf(page.at(-1)!);
  }
}

/** The cursor after a case. */
export const cursorAfter = (c: SupportCase): ExportCursor => ({ createdAt: c.createdAt, id: c.id });
