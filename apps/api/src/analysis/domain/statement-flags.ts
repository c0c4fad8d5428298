import { asNode, isExplainAnalyze, list, text, visitNodes, type AstObject } from './ast.js';
import type { QueryFlag, StatementClass } from './query-analysis.js';
import { classifyStatement } from './statement-class.js';

const ROLE_STATEMENTS = new Set(['AlterRoleStmt', 'AlterRoleSetStmt']);

// Besides the ROLE class: statements that grant, revoke or hand over what roles may do.
const PRIVILEGE_STATEMENTS = new Set([
  'AlterDefaultPrivilegesStmt',
  'AlterOwnerStmt',
  'DropOwnedStmt',
  'ReassignOwnedStmt',
]);

/** What one top-level statement does that an auditor looks for, added to `flags`. */
export function collectFlags(
  name: string,
  body: AstObject,
  statementClass: StatementClass,
  flags: Set<QueryFlag>,
): void {
  if (name === 'TruncateStmt') flags.add('TRUNCATE');
  if (name.startsWith('Drop')) flags.add('DROP');
  if (isAlter(name, body)) flags.add('ALTER');
  if (statementClass === 'ROLE' || PRIVILEGE_STATEMENTS.has(name) || changesOwner(name, body)) {
    flags.add('PRIVILEGE_CHANGE');
  }
  if (name === 'CopyStmt' && body.is_program === true) flags.add('COPY_PROGRAM');
  collectNestedFlags({ [name]: body }, flags);
}

function isAlter(name: string, body: AstObject): boolean {
  if (name === 'RenameStmt') return text(body, 'renameType') !== 'OBJECT_ROLE';
  return name.startsWith('Alter') && !ROLE_STATEMENTS.has(name);
}

// ALTER TABLE ... OWNER TO
function changesOwner(name: string, body: AstObject): boolean {
  if (name !== 'AlterTableStmt') return false;
  return list(body, 'cmds').some((cmd) => {
    const node = asNode(cmd);
    return node !== null && text(node[1], 'subtype') === 'AT_ChangeOwner';
  });
}

/** Flags of statements at any depth: WITH, subqueries, the statement EXPLAIN ANALYZE runs. */
function collectNestedFlags(root: unknown, flags: Set<QueryFlag>): void {
  visitNodes(root, (name, body) => {
    switch (name) {
      case 'UpdateStmt':
        if (body.whereClause === undefined) flags.add('UPDATE_WITHOUT_WHERE');
        return;
      case 'DeleteStmt':
        if (body.whereClause === undefined) flags.add('DELETE_WITHOUT_WHERE');
        return;
      case 'SelectStmt':
        if (list(body, 'lockingClause').length > 0) flags.add('LOCKS_ROWS');
        return;
      case 'ExplainStmt': {
        // A plain EXPLAIN only plans: what its statement would do does not happen.
        if (!isExplainAnalyze(body)) return false;
        const inner = asNode(body.query);
        const innerClass = inner ? classifyStatement(inner[0], inner[1]) : 'MISC';
        // WRITE, or DDL: CREATE TABLE AS / SELECT INTO, which EXPLAIN ANALYZE also runs.
        if (innerClass === 'WRITE' || innerClass === 'DDL') flags.add('EXECUTES_WRITE_IN_EXPLAIN');
        return;
      }
      case 'CreateFunctionStmt':
        return false; // a function's body runs when it is called, not now
      default:
        return;
    }
  });
}
