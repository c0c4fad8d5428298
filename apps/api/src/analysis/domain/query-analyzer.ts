import { fingerprintSync, loadModule, normalizeSync, parseSync } from 'libpg-query';
import { asNode } from './ast.js';
import type { QueryAnalysis, QueryFlag, StatementClass } from './query-analysis.js';
import { classifyStatement } from './statement-class.js';
import { collectFlags } from './statement-flags.js';
import { collectTables } from './statement-tables.js';

/** PostgreSQL 18's grammar through libpg-query 18.1.5, rules of version 1. */
export const ANALYZER_VERSION = 'pg18-v1';

/**
 * Reads a recorded query text with PostgreSQL's own parser (compiled to WASM): which
 * statements, which pgAudit classes, which tables, what an auditor should look at. Pure
 * and synchronous once loaded; never throws for any string.
 */
export class QueryAnalyzer {
  private static loading: Promise<QueryAnalyzer> | undefined;

  private constructor() {}

  /** Loads the parser's WASM module, once per process. */
  static load(): Promise<QueryAnalyzer> {
    QueryAnalyzer.loading ??= loadModule().then(() => new QueryAnalyzer());
    return QueryAnalyzer.loading;
  }

  /** `defaultSchema` is the schema an unqualified table name resolves to. */
  analyze(text: string, defaultSchema: string): QueryAnalysis {
    const nul = text.indexOf('\u0000');
    // The parser reads a C string: it would stop at the NUL and analyse only what precedes.
    if (nul >= 0) return unparsed('the text contains a NUL character', nul);
    let statements: unknown[];
    try {
      statements = text.trim() === '' ? [] : (parseSync(text).stmts ?? []);
    } catch (error) {
      return unparsed(...parseErrorOf(error, text));
    }
    // No statement (only `;`, comments or blanks): nothing to fingerprint or group by.
    if (statements.length === 0) return emptyAnalysis();

    const statementTypes: string[] = [];
    const classes: StatementClass[] = [];
    const tables = new Set<string>();
    const flags = new Set<QueryFlag>();
    for (const raw of statements) {
      const node = asNode((raw as { stmt?: unknown }).stmt);
      if (node === null) continue;
      const [name, body] = node;
      const statementClass = classifyStatement(name, body);
      statementTypes.push(name);
      classes.push(statementClass);
      collectTables({ [name]: body }, defaultSchema, tables);
      collectFlags(name, body, statementClass, flags);
    }
    if (statements.length > 1) flags.add('MULTIPLE_STATEMENTS');
    return {
      analyzerVersion: ANALYZER_VERSION,
      parsed: true,
      parseError: null,
      fingerprint: orNull(() => fingerprintSync(text)),
      normalized: orNull(() => normalizeSync(text)),
      statementTypes,
      classes,
      tables: [...tables].sort(),
      flags: [...flags].sort(),
    };
  }
}

function emptyAnalysis(): QueryAnalysis {
  return {
    analyzerVersion: ANALYZER_VERSION,
    parsed: true,
    parseError: null,
    fingerprint: null,
    normalized: null,
    statementTypes: [],
    classes: [],
    tables: [],
    flags: [],
  };
}

function unparsed(message: string, position: number | null): QueryAnalysis {
  return { ...emptyAnalysis(), parsed: false, parseError: { message, position } };
}

/**
 * libpg-query reports PostgreSQL's cursor position made 0-based, counted in characters
 * (code points); JavaScript indexes strings in UTF-16 code units. It also reports a
 * missing position as 0.
 */
function parseErrorOf(error: unknown, text: string): [string, number | null] {
  if (!(error instanceof Error)) return [String(error), null];
  const details = (error as { sqlDetails?: { cursorPosition?: unknown } }).sqlDetails;
  const cursor = details?.cursorPosition;
  const position = typeof cursor === 'number' ? utf16Offset(text, cursor) : null;
  return [error.message, position];
}

function utf16Offset(text: string, codePoints: number): number {
  let offset = 0;
  for (let seen = 0; seen < codePoints && offset < text.length; seen++) {
    offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  }
  return offset;
}

function orNull(compute: () => string): string | null {
  try {
    return compute();
  } catch {
    return null;
  }
}
