import { describe, expect, it } from '@jest/globals';
import { normalizeEmail, openCase, recordQuery } from './case.js';

const now = new Date('2025-10-01T10:00:00.000Z');

describe('case factory', () => {
  it('trims the title, normalizes the actor and opens the case', () => {
    const c = openCase(
      { title: '  Extract ', caseType: 'support', priority: 'high', createdBy: ' Ana@Example.com' },
      now,
    );
    expect(c).toMatchObject({ title: 'Extract', createdBy: 'ana@example.com', status: 'open' });
    expect(c.createdAt).toBe(now);
    expect(c.updatedAt).toBe(now);
  });

  it("defaults a query's executed_by to the actor and executed_at to the write time", () => {
    const q = recordQuery(
      'case-1',
      { databaseName: 'd', schemaName: 's', queryText: 'q' },
      'ana@example.com',
      now,
    );
    expect(q).toMatchObject({
      executedBy: 'ana@example.com',
      executedAt: now,
      recordedAt: now,
      result: null,
    });
  });

  it('normalizes an explicit executed_by', () => {
    const q = recordQuery(
      'case-1',
      { databaseName: 'd', schemaName: 's', queryText: 'q', executedBy: ' Bo@X.io ' },
      'ana@example.com',
      now,
    );
    expect(q.executedBy).toBe('bo@x.io');
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ana@Example.COM ')).toBe('ana@example.com');
  });
});
