/** Valid request bodies; each test overrides only what it is about. */
export function aQuery(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    database_name: 'sales_db',
    schema_name: 'public',
    query_text: "SELECT * FROM sales WHERE date >= '2025-10-01'",
    execution_time_ms: 245,
    rows_affected: 1500,
    ...overrides,
  };
}

export function aCase(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Q4 sales extract',
    description: 'Monthly analysis',
    case_type: 'support',
    priority: 'high',
    created_by: 'ana@example.com',
    queries: [aQuery()],
    ...overrides,
  };
}
