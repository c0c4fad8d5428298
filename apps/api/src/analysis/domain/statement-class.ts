import { asNode, containsDataModifying, isExplainAnalyze, text, type AstObject } from './ast.js';
import type { StatementClass } from './query-analysis.js';

const WRITES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'TruncateStmt']);

const ROLES = new Set([
  'GrantStmt',
  'GrantRoleStmt',
  'CreateRoleStmt',
  'AlterRoleStmt',
  'AlterRoleSetStmt',
  'DropRoleStmt',
]);

// What PostgreSQL's GetCommandLogLevel puts at LOGSTMT_ALL, which pgAudit logs as MISC.
const MISC = new Set([
  'TransactionStmt',
  'VariableSetStmt',
  'VariableShowStmt',
  'DiscardStmt',
  'CheckPointStmt',
  'LockStmt',
  'VacuumStmt',
  'ClusterStmt',
  'ReindexStmt',
  'ConstraintsSetStmt',
  'FetchStmt',
  'ClosePortalStmt',
  'NotifyStmt',
  'ListenStmt',
  'UnlistenStmt',
  'LoadStmt',
  'DeallocateStmt',
  // Runs a statement prepared earlier, which this text does not show.
  'ExecuteStmt',
]);

/** pgAudit's class of one top-level statement (`{ SelectStmt: {...} }`). */
export function classifyStatement(name: string, body: AstObject): StatementClass {
  if (name === 'SelectStmt') {
    if (body.intoClause !== undefined) return 'DDL'; // SELECT INTO creates a table
    return containsDataModifying(body.withClause) ? 'WRITE' : 'READ';
  }
  if (WRITES.has(name)) return 'WRITE';
  if (name === 'CopyStmt') return classifyCopy(body);
  if (name === 'DoStmt' || name === 'CallStmt') return 'FUNCTION';
  if (ROLES.has(name)) return 'ROLE';
  if (name === 'RenameStmt' && text(body, 'renameType') === 'OBJECT_ROLE') return 'ROLE';
  if (name === 'ExplainStmt') return isExplainAnalyze(body) ? classifyInner(body.query) : 'MISC';
  // The statement of a cursor or a prepared statement is what runs.
  if (name === 'DeclareCursorStmt' || name === 'PrepareStmt') return classifyInner(body.query);
  if (MISC.has(name)) return 'MISC';
  return 'DDL';
}

function classifyCopy(copy: AstObject): StatementClass {
  if (copy.is_from === true) return 'WRITE';
  // COPY (DELETE ... RETURNING ...) TO writes.
  return copy.query !== undefined && classifyInner(copy.query) === 'WRITE' ? 'WRITE' : 'READ';
}

function classifyInner(inner: unknown): StatementClass {
  const node = asNode(inner);
  return node ? classifyStatement(node[0], node[1]) : 'MISC';
}
