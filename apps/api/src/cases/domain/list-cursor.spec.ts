import { describe, expect, it } from '@jest/globals';
import { ValidationFailedError } from '@app/core';
import type { CaseListCriteria } from './case-list.js';
import { decodeCursor, encodeCursor } from './list-cursor.js';
import type { CursorScope, ListPosition } from './list-cursor.js';

const ID = '0190c2a4-7e2b-7cc1-8f00-000000000001';
const scope: CursorScope = { sortBy: 'created_at', sortOrder: 'desc' };
const at: ListPosition = { value: new Date('2026-01-02T03:04:05.678Z'), id: ID, before: 20 };

const problem = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return (error as ValidationFailedError).problems;
  }
  throw new Error('no error');
};

describe('list cursors', () => {
  it('decode to the position they were made from, for every kind of sort value', () => {
    expect(decodeCursor(encodeCursor(at, scope), scope)).toEqual(at);
    const byStatus: CursorScope = { sortBy: 'status', sortOrder: 'asc', priority: 'high' };
    const onStatus: ListPosition = { value: 'in_progress', id: ID, before: 0 };
    expect(decodeCursor(encodeCursor(onStatus, byStatus), byStatus)).toEqual(onStatus);
    const byTitle: CursorScope = { sortBy: 'title', sortOrder: 'asc' };
    const onTitle: ListPosition = { value: 'Ünïcode. "quoted" title', id: ID, before: 3 };
    expect(decodeCursor(encodeCursor(onTitle, byTitle), byTitle)).toEqual(onTitle);
  });

  it('are refused, on field cursor, once any character changes', () => {
    const cursor = encodeCursor(at, scope);
    for (let i = 0; i < cursor.length; i += 1) {
      const changed = cursor.slice(0, i) + (cursor[i] === 'A' ? 'B' : 'A') + cursor.slice(i + 1);
      expect(problem(() => decodeCursor(changed, scope))).toEqual([
        { field: 'cursor', message: expect.stringMatching(/not one this service issued/) },
      ]);
    }
  });

  it('belong to their filters and sort: changing any one refuses them', () => {
    const full: Required<Omit<CaseListCriteria, 'after' | 'page' | 'pageSize'>> = {
      sortBy: 'title',
      sortOrder: 'asc',
      status: 'open',
      priority: 'high',
      caseType: 'support',
      createdBy: 'ana@example.com',
      search: 'invoice',
      createdFrom: new Date('2026-01-01'),
      createdTo: new Date('2026-02-01'),
      queries: {
        table: 'public.a',
        fingerprint: 'a0ead580058af585',
        databaseName: 'db',
        statementClass: 'READ',
        flag: 'DROP',
        executedBy: 'bob@example.com',
      },
    };
    const onTitle: ListPosition = { value: 'T', id: ID, before: 1 };
    const cursor = encodeCursor(onTitle, full);
    expect(decodeCursor(cursor, { ...full })).toEqual(onTitle);
    const others: CursorScope[] = [
      ...Object.keys(full)
        .filter((key) => key !== 'sortBy' && key !== 'queries')
        .map((key) => ({ ...full, [key]: undefined })),
      { ...full, sortBy: 'created_by' },
      { ...full, sortOrder: 'desc' },
      { ...full, createdTo: new Date('2026-02-02') },
      ...Object.keys(full.queries).map((key) => ({
        ...full,
        queries: { ...full.queries, [key]: undefined },
      })),
      { ...full, queries: undefined },
    ];
    for (const other of others) {
      expect(problem(() => decodeCursor(cursor, other))[0].message).toMatch(
        /other filters or another sort/,
      );
    }
  });

  it('carry a sort value of the right kind only', () => {
    // A title-sorted cursor carries a string; read as a created_at list it is refused
    // (the scope differs too), so a value can only ever reach SQL as its own column's type.
    const byStatus: CursorScope = { sortBy: 'status', sortOrder: 'asc' };
    const forged = encodeCursor({ value: 'archived', id: ID, before: 0 }, byStatus);
    expect(problem(() => decodeCursor(forged, byStatus))[0].message).toMatch(/not one/);
    const badDate = encodeCursor({ value: 'yesterday', id: ID, before: 0 }, scope);
    expect(problem(() => decodeCursor(badDate, scope))[0].message).toMatch(/not one/);
    const badId = encodeCursor({ value: at.value, id: 'x', before: 0 }, scope);
    expect(problem(() => decodeCursor(badId, scope))[0].message).toMatch(/not one/);
  });
});
