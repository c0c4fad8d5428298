import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { QUERY_FLAGS, STATEMENT_CLASSES } from './query-analysis.js';
import { ANALYZER_VERSION, QueryAnalyzer } from './query-analyzer.js';
import { SQL_CORPUS, UNPARSABLE } from './sql-corpus.js';

let analyzer: QueryAnalyzer;
beforeAll(async () => {
  analyzer = await QueryAnalyzer.load();
});

const analyze = (sql: string, schema = 'public') => analyzer.analyze(sql, schema);

describe('QueryAnalyzer on the corpus', () => {
  it('has at least 40 texts that parse', () => {
    expect(SQL_CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(SQL_CORPUS)('$name', ({ sql, schema, tables, classes, flags }) => {
    const result = analyze(sql, schema);
    expect(result).toMatchObject({ parsed: true, parseError: null, tables, classes, flags });
    expect(result.statementTypes).toHaveLength(classes.length);
    expect(result.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(result.normalized).not.toBeNull();
  });

  it('covers every class and every flag', () => {
    const seen = SQL_CORPUS.map(({ sql, schema }) => analyze(sql, schema));
    expect(new Set(seen.flatMap((r) => r.classes))).toEqual(new Set(STATEMENT_CLASSES));
    expect(new Set(seen.flatMap((r) => r.flags))).toEqual(new Set(QUERY_FLAGS));
  });

  it('loads the WASM once', async () => {
    expect(await QueryAnalyzer.load()).toBe(analyzer);
  });
});

describe('what it reports for a text that parses', () => {
  it('names each statement by its parse node, in order', () => {
    const result = analyze('BEGIN; INSERT INTO t VALUES (1); SELECT 1; COMMIT');
    expect(result.statementTypes).toEqual([
      'TransactionStmt',
      'InsertStmt',
      'SelectStmt',
      'TransactionStmt',
    ]);
    expect(result.analyzerVersion).toBe(ANALYZER_VERSION);
  });

  it('normalizes literals to $n', () => {
    expect(analyze("SELECT * FROM users WHERE email = 'a@b.c' AND id > 10").normalized).toBe(
      'SELECT * FROM users WHERE email = $1 AND id > $2',
    );
  });

  it('takes a CREATE SCHEMA element into that schema', () => {
    expect(analyze('CREATE SCHEMA crm CREATE TABLE leads (id int)').tables).toEqual(['crm.leads']);
  });

  it.each([
    ['DECLARE c CURSOR FOR SELECT * FROM orders', ['READ'], []],
    ['PREPARE p AS UPDATE orders SET paid = true', ['WRITE'], ['UPDATE_WITHOUT_WHERE']],
    ['EXECUTE p(1)', ['MISC'], []],
    ['COPY (DELETE FROM queue RETURNING *) TO STDOUT', ['WRITE'], ['DELETE_WITHOUT_WHERE']],
    ['EXPLAIN ANALYZE CREATE TABLE t2 AS SELECT 1', ['DDL'], ['EXECUTES_WRITE_IN_EXPLAIN']],
    ['ALTER ROLE auditor RENAME TO reviewer', ['ROLE'], ['PRIVILEGE_CHANGE']],
    ['DROP OWNED BY old_admin', ['DDL'], ['DROP', 'PRIVILEGE_CHANGE']],
    ['ALTER TABLE orders DROP COLUMN note', ['DDL'], ['ALTER']],
    ['ALTER SYSTEM SET work_mem = 1', ['DDL'], ['ALTER']],
  ])('%s is %j with %j', (sql, classes, flags) => {
    expect(analyze(sql)).toMatchObject({ classes, flags });
  });

  it('keeps the last two parts of a three-part name', () => {
    expect(analyze('SELECT * FROM casedb.billing.invoices').tables).toEqual(['billing.invoices']);
  });
});

describe('texts PostgreSQL does not parse', () => {
  it.each(UNPARSABLE)('$name', ({ sql, message, position }) => {
    const result = analyze(sql);
    expect(result).toEqual({
      analyzerVersion: ANALYZER_VERSION,
      parsed: false,
      parseError: { message, position },
      fingerprint: null,
      normalized: null,
      statementTypes: [],
      classes: [],
      tables: [],
      flags: [],
    });
  });

  it('counts the position in UTF-16 code units, as JavaScript indexes strings', () => {
    // PostgreSQL counts characters; 𝒳 is one character and two UTF-16 code units.
    const sql = "SELECT '𝒳' AS a b";
    expect(analyze(sql).parseError?.position).toBe(sql.lastIndexOf('b'));
  });

  it('refuses a NUL character instead of analysing the text before it', () => {
    const result = analyze('SELECT 1;\u0000DROP TABLE users');
    expect(result.parsed).toBe(false);
    expect(result.parseError).toEqual({
      message: 'the text contains a NUL character',
      position: 9,
    });
  });
});

describe('texts without a statement', () => {
  it.each(['', '   \n\t', ';', ';;', '-- just a comment', '/* block */'])(
    '%j parses to nothing, with no fingerprint',
    (sql) => {
      expect(analyze(sql)).toEqual({
        analyzerVersion: ANALYZER_VERSION,
        parsed: true,
        parseError: null,
        fingerprint: null,
        normalized: null,
        statementTypes: [],
        classes: [],
        tables: [],
        flags: [],
      });
    },
  );
});

describe('fingerprint', () => {
  const fingerprint = (sql: string) => analyze(sql).fingerprint;

  it.each([
    [
      'literals',
      "SELECT * FROM users WHERE id = 1 AND name = 'x'",
      "SELECT * FROM users WHERE id = 42 AND name = 'y'",
    ],
    ['$n parameters', 'SELECT * FROM users WHERE id = $1', 'SELECT * FROM users WHERE id = 7'],
    [
      'comments',
      'SELECT id FROM users -- who\nWHERE id = 1',
      '/* x */ SELECT id FROM users WHERE id = 1',
    ],
    ['whitespace', 'SELECT id\n\n  FROM users   WHERE id=1', 'SELECT id FROM users WHERE id = 1'],
    ['keyword case', 'select id from users where id = 1', 'SELECT id FROM users WHERE id = 1'],
    [
      'IN list length',
      'SELECT * FROM users WHERE id IN (1, 2, 3)',
      'SELECT * FROM users WHERE id IN (4)',
    ],
    ['schema name (a caveat)', 'SELECT * FROM a.users', 'SELECT * FROM b.users'],
    // pg_query fingerprints an aliased table by its alias, not its name: other tables, same
    // fingerprint. Group by fingerprint and tables together.
    ['aliased tables (a caveat)', 'SELECT u.id FROM users u', 'SELECT u.id FROM accounts u'],
  ])('is the same across %s', (_, left, right) => {
    expect(fingerprint(left)).toBe(fingerprint(right));
  });

  it.each([
    ['another table', 'SELECT id FROM users WHERE id = 1', 'SELECT id FROM accounts WHERE id = 1'],
    ['another alias', 'SELECT * FROM users u', 'SELECT * FROM users v'],
    ['another column', 'SELECT id FROM users WHERE id = 1', 'SELECT email FROM users WHERE id = 1'],
    [
      'another shape',
      'SELECT id FROM users WHERE id = 1',
      'SELECT id FROM users WHERE id = 1 OR id = 2',
    ],
    ['another operator', 'SELECT id FROM users WHERE id = 1', 'SELECT id FROM users WHERE id > 1'],
    ['another statement', 'DELETE FROM users WHERE id = 1', 'SELECT FROM users WHERE id = 1'],
  ])('differs for %s', (_, left, right) => {
    expect(fingerprint(left)).not.toBe(fingerprint(right));
  });
});

describe('robustness', () => {
  it('never throws, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const result = analyze(text);
        expect(typeof result.parsed).toBe('boolean');
        if (!result.parsed) expect(result.fingerprint).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('never throws for fragments of real SQL', () => {
    const pieces = SQL_CORPUS.map((c) => c.sql)
      .join(' ')
      .split(' ');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (words) => {
        expect(typeof analyze(words.join(' ')).parsed).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('survives deep nesting', () => {
    const deep = `SELECT ${'('.repeat(5000)}1${')'.repeat(5000)}`;
    expect(typeof analyze(deep).parsed).toBe('boolean');
  });

  it('analyses 100,000-character texts (timing logged, not asserted)', () => {
    const ids = Array.from({ length: 16_000 }, (_, i) => String(100_000 + i)).join(', ');
    const inList = `SELECT id, email FROM users WHERE id IN (${ids})`;
    const unions = Array.from(
      { length: 2_500 },
      (_, i) => `SELECT id FROM t${i % 50} WHERE k = ${i}`,
    ).join(' UNION ALL ');
    for (const [name, sql] of [
      ['IN list', inList],
      ['UNION ALL', unions],
    ] as const) {
      expect(sql.length).toBeGreaterThanOrEqual(100_000);
      analyze(sql); // warm up
      const started = performance.now();
      const runs = 5;
      let result = analyze(sql);
      for (let i = 1; i < runs; i++) result = analyze(sql);
      const ms = (performance.now() - started) / runs;
      expect(result.parsed).toBe(true);
      console.log(`analyze, ${name}, ${sql.length} characters: ${ms.toFixed(1)} ms per call`);
    }
  });
});
