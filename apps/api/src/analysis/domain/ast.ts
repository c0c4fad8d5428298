/**
 * The parse tree as libpg-query's JSON gives it: a node is an object with one key, the
 * node's name (`{ SelectStmt: {...} }`); typed fields (`relation`, `withClause`, `into`)
 * hold their struct bare, without that wrapper. Fields left at their default are absent.
 */
export type AstObject = { readonly [field: string]: unknown };

export function isObject(value: unknown): value is AstObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ SelectStmt: body }` → `['SelectStmt', body]`; anything else → null. */
export function asNode(value: unknown): readonly [string, AstObject] | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const name = keys[0];
  const first = name.charCodeAt(0);
  // Node names start with a capital letter (A_Const too); struct fields never do.
  if (first < 65 || first > 90) return null;
  const body = value[name];
  return isObject(body) ? [name, body] : null;
}

export function field(body: AstObject, name: string): AstObject | undefined {
  const value = body[name];
  return isObject(value) ? value : undefined;
}

export function list(body: AstObject, name: string): readonly unknown[] {
  const value = body[name];
  return Array.isArray(value) ? value : [];
}

export function text(body: AstObject | undefined, name: string): string | undefined {
  const value = body?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** The values directly below one, in document order (fields of an object, items of a list). */
export function childrenOf(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.values(value);
  return [];
}

/**
 * Calls `visit` for every node at or below `root`, parents before children. `visit` returns
 * false to skip what lies below that node. Iterative: a deeply nested expression must not
 * exhaust the call stack.
 */
export function visitNodes(
  root: unknown,
  visit: (name: string, body: AstObject) => boolean | void,
): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    const node = asNode(value);
    if (node && visit(node[0], node[1]) === false) continue;
    const children = childrenOf(node ? node[1] : value);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}

const DATA_MODIFYING = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/** Whether an INSERT, UPDATE, DELETE or MERGE sits anywhere below (a WITH of a SELECT). */
export function containsDataModifying(root: unknown): boolean {
  let found = false;
  visitNodes(root, (name) => {
    if (DATA_MODIFYING.has(name)) found = true;
    return !found;
  });
  return found;
}

/** EXPLAIN's ANALYZE option, written `ANALYZE`, `(ANALYZE)` or `(ANALYZE true|on|1)`. */
export function isExplainAnalyze(explain: AstObject): boolean {
  for (const option of list(explain, 'options')) {
    const node = asNode(option);
    if (!node || node[0] !== 'DefElem' || text(node[1], 'defname') !== 'analyze') continue;
    const arg = asNode(node[1].arg);
    if (!arg) return true;
    const [kind, value] = arg;
    if (kind === 'Boolean') return value.boolval === true;
    if (kind === 'Integer') return typeof value.ival === 'number' && value.ival !== 0;
    if (kind === 'String') return !OFF_WORDS.has((text(value, 'sval') ?? '').toLowerCase());
    return true;
  }
  return false;
}

// The words for false PostgreSQL's defGetBoolean accepts; a 0 arrives as an Integer node,
// and a field at its default (false, 0) is absent from the JSON.
const OFF_WORDS = new Set(['false', 'off']);
