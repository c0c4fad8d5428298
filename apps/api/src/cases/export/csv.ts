/**
 * First characters that make a spreadsheet read a cell as a formula (OWASP's CSV
 * injection list): `=`, `+`, `-`, `@`, tab and carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The cell as a spreadsheet shows it literally: prefixed with a single quote when it
 * could start a formula (`=HYPERLINK(…)` becomes `'=HYPERLINK(…)`), unchanged otherwise.
 * Numbers here are never negative, timestamps and ids start with a digit or a letter, so
 * only free text (titles, query texts, emails, …) is ever prefixed.
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field: in double quotes, inner quotes doubled, when it holds `,` `"` CR or LF. */
export function csvField(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One RFC 4180 record: every cell neutralised and quoted as needed, ended by CRLF. */
export function csvRecord(cells: readonly string[]): string {
  return `${cells.map((cell) => csvField(neutralizeFormula(cell))).join(',')}\r\n`;
}
