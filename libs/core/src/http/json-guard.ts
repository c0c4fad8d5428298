import type { FieldProblem } from '../errors.js';

/**
 * Deeper than this, a request is refused before anything recurses into it: the validators
 * and class-transformer walk values recursively, and a body of a few hundred kilobytes can
 * nest a hundred thousand levels.
 */
export const MAX_JSON_DEPTH = 128;

const NUL = '\u0000';

/**
 * Request fields nest at most three segments deep (`queries[0].result`); a too-deep value
 * is reported at that field, not at the hundredth `[0]` inside it.
 */
const FIELD_SEGMENTS = 3;

/**
 * The first value in a parsed request (body or query) that nothing downstream can take,
 * with its path (`queries[2].query_text`), or null. Refused: nesting deeper than
 * {@link MAX_JSON_DEPTH}, and strings (values or keys) that PostgreSQL cannot store: NUL
 * characters, and lone UTF-16 surrogates, which are not Unicode at all. Iterative, so the
 * check itself cannot overflow the stack.
 */
export function findUnsafeJson(root: unknown): FieldProblem | null {
  const stack: Array<{ value: unknown; path: string; field: string; depth: number }> = [
    { value: root, path: '', field: '', depth: 0 },
  ];
  const push = (value: unknown, path: string, parent: { field: string; depth: number }) =>
    stack.push({
      value,
      path,
      field: parent.depth < FIELD_SEGMENTS ? path : parent.field,
      depth: parent.depth + 1,
    });
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value, path, field, depth } = entry;
    if (typeof value === 'string') {
      const problem = unstorable(value);
      if (problem) return { field: path || null, message: `${path || 'value'} ${problem}` };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      return {
        field: field || null,
        message: `${field || 'request'} is nested deeper than ${MAX_JSON_DEPTH} levels`,
      };
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => push(item, `${path}[${index}]`, entry));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = unstorable(key);
      if (problem) {
        return {
          field: path || null,
          message: `a property name in ${path || 'the request'} ${problem}`,
        };
      }
      push(item, path ? `${path}.${key}` : key, entry);
    }
  }
  return null;
}

function unstorable(text: string): string | null {
  if (text.includes(NUL)) return 'must not contain NUL characters';
  if (!text.isWellFormed()) return 'must be well-formed Unicode (no lone surrogates)';
  return null;
}
