import { asNode, childrenOf, field, isObject, list, text, type AstObject } from './ast.js';

interface Frame {
  readonly value: unknown;
  /** Names of the CTEs a FROM item here may refer to. */
  readonly ctes: ReadonlySet<string>;
  /** The schema of an unqualified name here (CREATE SCHEMA s CREATE TABLE t makes s.t). */
  readonly schema: string;
}

const NO_CTES: ReadonlySet<string> = new Set();

// Relation kinds that are not tables, views or materialized views.
const NOT_TABLES = new Set(['OBJECT_INDEX', 'OBJECT_SEQUENCE', 'OBJECT_TYPE']);

// Object kinds named by a list of strings (DROP, COMMENT ON) that are tables.
const TABLE_OBJECTS = new Set([
  'OBJECT_TABLE',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_FOREIGN_TABLE',
]);

// Object kinds named `table.object`: the list names their table before their own name.
const OBJECTS_ON_TABLES = new Set([
  'OBJECT_COLUMN',
  'OBJECT_TRIGGER',
  'OBJECT_RULE',
  'OBJECT_POLICY',
  'OBJECT_TABCONSTRAINT',
]);

/**
 * Adds `schema.table` for every relation one statement names. A FROM item (a `RangeVar`
 * node) whose unqualified name is a CTE in scope is the CTE, not a table; a relation in a
 * typed field (a DML target, INTO, ALTER TABLE's, CREATE INDEX's ON) is always a table,
 * as PostgreSQL never looks such a name up among CTEs.
 */
export function collectTables(statement: unknown, defaultSchema: string, tables: Set<string>) {
  const stack: Frame[] = [{ value: statement, ctes: NO_CTES, schema: defaultSchema }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { value, ctes, schema } = frame;
    const node = asNode(value);
    if (node === null) {
      if (isObject(value) && typeof value.relname === 'string') {
        tables.add(qualified(value, schema));
        continue;
      }
      for (const child of childrenOf(value)) stack.push({ value: child, ctes, schema });
      continue;
    }
    const [name, body] = node;
    switch (name) {
      case 'RangeVar': {
        const relname = text(body, 'relname');
        if (relname !== undefined && (body.schemaname !== undefined || !ctes.has(relname))) {
          tables.add(qualified(body, schema));
        }
        continue;
      }
      case 'DropStmt':
        for (const object of list(body, 'objects')) {
          addListed(object, text(body, 'removeType'), schema, tables);
        }
        continue;
      case 'CommentStmt':
        addListed(body.object, text(body, 'objtype'), schema, tables);
        continue;
      case 'CreateFunctionStmt':
      case 'DoStmt':
        continue; // bodies are not analysed
      case 'CreateSchemaStmt': {
        const inSchema = text(body, 'schemaname') ?? schema;
        for (const element of list(body, 'schemaElts')) {
          stack.push({ value: element, ctes, schema: inSchema });
        }
        continue;
      }
      default:
        pushFields(name, body, { value: body, ctes, schema }, stack);
    }
  }
}

function pushFields(name: string, body: AstObject, frame: Frame, stack: Frame[]): void {
  const skipped = skippedField(name, body);
  const withClause = field(body, 'withClause');
  const inner = withClause ? pushCtes(withClause, frame, stack) : frame.ctes;
  for (const [key, value] of Object.entries(body)) {
    if (key === skipped || key === 'withClause') continue;
    stack.push({ value, ctes: inner, schema: frame.schema });
  }
}

/** Pushes each CTE's body with the names it sees; returns the names the statement sees. */
function pushCtes(withClause: AstObject, frame: Frame, stack: Frame[]): ReadonlySet<string> {
  const ctes = list(withClause, 'ctes').flatMap((item) => {
    const node = asNode(item);
    return node && node[0] === 'CommonTableExpr' ? [node[1]] : [];
  });
  const all = new Set(frame.ctes);
  for (const cte of ctes) all.add(text(cte, 'ctename') ?? '');
  // Without RECURSIVE a CTE sees only those before it: in `WITH t AS (SELECT ... FROM t)`
  // the inner t is the table.
  const seen = new Set(frame.ctes);
  for (const cte of ctes) {
    const scope = withClause.recursive === true ? all : new Set(seen);
    stack.push({ value: cte.ctequery, ctes: scope, schema: frame.schema });
    seen.add(text(cte, 'ctename') ?? '');
  }
  return all;
}

/** The field of a statement that names an index, sequence or type rather than a table. */
function skippedField(name: string, body: AstObject): string | undefined {
  switch (name) {
    case 'CreateSeqStmt':
    case 'AlterSeqStmt':
      return 'sequence';
    case 'AlterTableStmt':
      return NOT_TABLES.has(text(body, 'objtype') ?? '') ? 'relation' : undefined;
    case 'AlterObjectSchemaStmt':
      return NOT_TABLES.has(text(body, 'objectType') ?? '') ? 'relation' : undefined;
    case 'RenameStmt':
      return NOT_TABLES.has(text(body, 'renameType') ?? '') ||
        NOT_TABLES.has(text(body, 'relationType') ?? '')
        ? 'relation'
        : undefined;
    case 'ReindexStmt':
      return text(body, 'kind') === 'REINDEX_OBJECT_INDEX' ? 'relation' : undefined;
    case 'GrantStmt':
      return text(body, 'objtype') === 'OBJECT_TABLE' ? undefined : 'objects';
    default:
      return undefined;
  }
}

/** The table a DROP or COMMENT ON names as a list of strings (`['s', 't']`), if any. */
function addListed(object: unknown, kind = '', schema: string, tables: Set<string>): void {
  const onTable = OBJECTS_ON_TABLES.has(kind);
  if (!onTable && !TABLE_OBJECTS.has(kind)) return;
  const node = asNode(object);
  if (!node || node[0] !== 'List') return;
  const names = list(node[1], 'items').map((item) => {
    const part = asNode(item);
    return part && part[0] === 'String' ? (text(part[1], 'sval') ?? '') : '';
  });
  if (onTable) names.pop();
  const relname = names.at(-1);
  if (relname === undefined) return;
  tables.add(`${names.length > 1 ? names[names.length - 2] : schema}.${relname}`);
}

function qualified(rangeVar: AstObject, schema: string): string {
  return `${text(rangeVar, 'schemaname') ?? schema}.${text(rangeVar, 'relname') ?? ''}`;
}
