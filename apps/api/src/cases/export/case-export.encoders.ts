import { beginsCase, endsCase } from '../domain/case-export.js';
import type { ExportFormat, ExportPiece } from '../domain/case-export.js';
import { CaseExportLine } from '../dto/case-export.response.js';
import { CaseFields, caseFields, QueryRecordResponse } from '../dto/case.response.js';
import { csvRecord } from './csv.js';

/** How one export format is written, batch by batch. */
export interface ExportEncoder {
  contentType: string;
  extension: string;
  /** What comes before the first batch (the CSV header row). */
  head: string;
  /** One batch of pieces as text, in order. */
  encode(batch: readonly ExportPiece[]): string;
}

// `JSON.stringify` of a line whose last property is `queries: []` ends in these two
// characters; a case's records are written between its opening and `]}`.
const EMPTY_QUERIES_END = ']}';

/**
 * NDJSON: one case per line, its fields as the detail answers them and then every
 * record. A case cut across batches (more records than a batch holds) is written in
 * parts, so no case's records are ever all in memory at once.
 */
function ndjsonPiece(piece: ExportPiece): string {
  const records = piece.queries.map((q) => JSON.stringify(QueryRecordResponse.from(q))).join(',');
  const opening = beginsCase(piece)
    ? JSON.stringify(CaseExportLine.opening(piece.case)).slice(0, -EMPTY_QUERIES_END.length)
    : '';
  // A part that continues a case follows that case's earlier records.
  const separator = !beginsCase(piece) && records !== '' ? ',' : '';
  const closing = endsCase(piece) ? `${EMPTY_QUERIES_END}\n` : '';
  return `${opening}${separator}${records}${closing}`;
}

type CaseColumn = [name: string, cell: (c: CaseFields) => string | null];
type RecordColumn = [name: string, cell: (q: QueryRecordResponse, position: number) => string];

const CASE_COLUMNS: CaseColumn[] = [
  ['case_id', (c) => c.id],
  ['title', (c) => c.title],
  ['description', (c) => c.description],
  ['case_type', (c) => c.case_type],
  ['priority', (c) => c.priority],
  ['status', (c) => c.status],
  ['created_by', (c) => c.created_by],
  ['created_at', (c) => c.created_at],
  ['updated_at', (c) => c.updated_at],
];

const text = (value: number | boolean | string | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);
// Lists in one cell: `;` appears in none of the values (enum names, `schema.table`).
const list = (values: readonly string[] | undefined): string => (values ?? []).join(';');

const RECORD_COLUMNS: RecordColumn[] = [
  ['query_id', (q) => q.id],
  ['query_position', (_q, position) => String(position)],
  ['database_name', (q) => q.database_name],
  ['schema_name', (q) => q.schema_name],
  ['query_text', (q) => q.query_text],
  ['execution_time_ms', (q) => text(q.execution_time_ms)],
  ['rows_affected', (q) => text(q.rows_affected)],
  ['executed_by', (q) => q.executed_by],
  ['executed_at', (q) => q.executed_at],
  ['recorded_at', (q) => q.recorded_at],
  ['analyzer_version', (q) => text(q.analysis?.analyzer_version)],
  ['parsed', (q) => text(q.analysis?.parsed)],
  ['fingerprint', (q) => text(q.analysis?.fingerprint)],
  ['statement_types', (q) => list(q.analysis?.statement_types)],
  ['classes', (q) => list(q.analysis?.classes)],
  ['tables', (q) => list(q.analysis?.tables)],
  ['flags', (q) => list(q.analysis?.flags)],
];

/** The CSV export's columns, in order. */
export const CSV_COLUMNS = [...CASE_COLUMNS, ...RECORD_COLUMNS].map(([name]) => name);

/**
 * CSV: one row per record, its case's fields first; a case without records is one row
 * whose record columns are empty. Nulls are empty cells; `result` is left out (NDJSON has
 * it).
 */
function csvPiece(piece: ExportPiece): string {
  const fields = caseFields(piece.case);
  const caseCells = CASE_COLUMNS.map(([, cell]) => text(cell(fields)));
  if (piece.case.queriesTotal === 0) {
    return csvRecord([...caseCells, ...RECORD_COLUMNS.map(() => '')]);
  }
  return piece.queries
    .map((q, index) => {
      const record = QueryRecordResponse.from(q);
      const position = piece.after + index + 1;
      return csvRecord([...caseCells, ...RECORD_COLUMNS.map(([, cell]) => cell(record, position))]);
    })
    .join('');
}

export const EXPORT_ENCODERS: Record<ExportFormat, ExportEncoder> = {
  ndjson: {
    contentType: 'application/x-ndjson; charset=utf-8',
    extension: 'ndjson',
    head: '',
    encode: (batch) => batch.map(ndjsonPiece).join(''),
  },
  csv: {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    head: csvRecord(CSV_COLUMNS),
    encode: (batch) => batch.map(csvPiece).join(''),
  },
};

/** Each batch as its encoder writes it. */
export async function* encodeBatches(
  encoder: ExportEncoder,
  batches: AsyncIterable<readonly ExportPiece[]>,
): AsyncGenerator<string> {
  for await (const batch of batches) yield encoder.encode(batch);
}
