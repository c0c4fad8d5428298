import { describe, expect, it } from '@jest/globals';
import { contentDigest } from '../../audit/domain/hash-chain.js';
import { caseCreated, queryRecorded, statusChanged } from './case-event.js';
import { openCase, recordQuery } from './case.js';

const now = new Date('2025-10-01T10:00:00.000Z');
const aCase = () =>
  openCase(
    { title: 'Extract', caseType: 'support', priority: 'high', createdBy: 'ana@example.com' },
    now,
  );

describe('case events', () => {
  it('records the case as opened, by its creator', () => {
    const c = aCase();
    expect(caseCreated(c)).toEqual({
      type: 'case_created',
      actor: 'ana@example.com',
      occurredAt: now,
      payload: {
        title: 'Extract',
        description: null,
        case_type: 'support',
        priority: 'high',
        status: 'open',
        created_by: 'ana@example.com',
      },
    });
  });

  it('covers a query’s text and result by their digest instead of copying them', () => {
    const q = recordQuery(
      'case-1',
      { databaseName: 'd', schemaName: 's', queryText: 'select 1', result: { rows: [1] } },
      'ana@example.com',
      now,
    );
    const { payload } = queryRecorded(q, 'ana@example.com');
    expect(payload).not.toHaveProperty('query_text');
    expect(payload).not.toHaveProperty('result');
    expect(payload.content_sha256).toBe(
      contentDigest({ query_text: 'select 1', result: { rows: [1] } }),
    );
    expect(payload.query_id).toBe(q.id);
  });

  it('records a status change with its note', () => {
    expect(statusChanged('open', 'closed', 'done', 'lead@x.io', now)).toEqual({
      type: 'status_changed',
      actor: 'lead@x.io',
      occurredAt: now,
      payload: { from: 'open', to: 'closed', note: 'done' },
    });
  });
});
