import type { Transaction } from '@app/core';
import type { CaseEvent } from '../domain/case-event.js';
import { cursorAfter, keysetPages } from '../domain/case-export.js';
import type { ExportCursor, ExportedCase, ExportSlice } from '../domain/case-export.js';
import type {
  CaseFilter,
  CaseListCriteria,
  CaseSortField,
  PageRequest,
  QueryRecordCriteria,
} from '../domain/case-list.js';
import { countedByCounters } from '../domain/case-list.js';
import { CASE_STATUSES } from '../domain/case-status.js';
import type { CaseStatus } from '../domain/case-status.js';
import {
  CaseWithQueries,
  AnalyzedQueryRecord,
  FingerprintCaseCounts,
  PRIORITIES,
  Priority,
  StoredQueryRecord,
  SupportCase,
  withFingerprintCases,
} from '../domain/case.js';
import { sortValueOf } from '../domain/list-cursor.js';
import type { SortValue } from '../domain/list-cursor.js';
import { CaseChanges, CaseHead, CasePage, CasesRepository, Page } from './cases.repository.js';

interface StoredCase {
  row: SupportCase;
  queries: AnalyzedQueryRecord[];
  events: CaseEvent[];
}

/** A sort value as the PostgreSQL adapter orders it: statuses and priorities by meaning. */
function sortKey(sortBy: CaseSortField, value: SortValue): number | string {
  if (value instanceof Date) return value.getTime();
  if (sortBy === 'status') return CASE_STATUSES.indexOf(value as CaseStatus);
  if (sortBy === 'priority') return PRIORITIES.indexOf(value as Priority);
  return value;
}

/**
 * The cases store in memory, for unit tests of the use cases (with InMemoryUnitOfWork,
 * which isolates nothing). Integration tests cover the PostgreSQL adapter.
 */
export class InMemoryCasesRepository extends CasesRepository {
  readonly stored = new Map<string, StoredCase>();

  async insert(
    _tx: Transaction,
    c: SupportCase,
    queries: AnalyzedQueryRecord[],
    events: CaseEvent[],
  ): Promise<FingerprintCaseCounts> {
    if (this.stored.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    this.stored.set(c.id, { row: { ...c }, queries: [...queries], events: [...events] });
    return this.fingerprintCases();
  }

  async lockHead(_tx: Transaction, id: string): Promise<CaseHead | null> {
    const found = this.stored.get(id);
    if (!found) return null;
    return {
      status: found.row.status,
      createdBy: found.row.createdBy,
      queriesCount: found.queries.length,
      eventsCount: found.events.length,
      lastHash: found.events.at(-1)?.hash ?? null,
    };
  }

  async append(
    _tx: Transaction,
    id: string,
    _head: CaseHead,
    changes: CaseChanges,
  ): Promise<FingerprintCaseCounts> {
    const found = this.stored.get(id);
    if (!found) throw new Error(`no case ${id}`);
    found.queries.push(...changes.queries);
    found.events.push(...changes.events);
    found.row = {
      ...found.row,
      status: changes.status ?? found.row.status,
      updatedAt: changes.at > found.row.updatedAt ? changes.at : found.row.updatedAt,
    };
    return this.fingerprintCases();
  }

  async findById(
    id: string,
    queryLimit: number,
    _tx?: Transaction,
  ): Promise<CaseWithQueries | null> {
    const found = this.stored.get(id);
    if (!found) return null;
    return {
      ...found.row,
      queries: withFingerprintCases(found.queries.slice(0, queryLimit), this.fingerprintCases()),
      queriesTotal: found.queries.length,
    };
  }

  async listQueries(caseId: string, page: PageRequest): Promise<Page<StoredQueryRecord> | null> {
    const found = this.stored.get(caseId);
    if (!found) return null;
    const start = (page.page - 1) * page.pageSize;
    return {
      items: withFingerprintCases(
        found.queries.slice(start, start + page.pageSize),
        this.fingerprintCases(),
      ),
      total: found.queries.length,
    };
  }

  async list(criteria: CaseListCriteria, exactTotalMax: number): Promise<CasePage> {
    const { sortBy, after } = criteria;
    const direction = criteria.sortOrder === 'asc' ? 1 : -1;
    const compare = (a: { value: SortValue; id: string }, b: { value: SortValue; id: string }) => {
      const [x, y] = [sortKey(sortBy, a.value), sortKey(sortBy, b.value)];
      const byKey = x < y ? -1 : x > y ? 1 : 0;
      return direction * (byKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    };
    const matching = this.matching(criteria);
    const ordered = matching
      .map((c) => ({ value: sortValueOf(c.row, sortBy), id: c.row.id, c }))
      .sort(compare);
    const start = after
      ? ordered.filter((c) => compare(c, after) <= 0).length
      : (criteria.page - 1) * criteria.pageSize;
    const page = ordered.slice(start, start + criteria.pageSize + 1);
    return {
      items: page
        .slice(0, criteria.pageSize)
        .map(({ c }) => ({ ...c.row, queriesCount: c.queries.length })),
      hasMore: page.length > criteria.pageSize,
      // Like the counters of the PostgreSQL adapter, a filter on status, priority or case
      // type alone (or none) counts exactly; any other stops past the bound.
      ...(countedByCounters(criteria) || matching.length <= exactTotalMax
        ? { total: matching.length, totalExact: true }
        : { total: exactTotalMax, totalExact: false }),
    };
  }

  exportPages(filter: CaseFilter, pageSize: number): AsyncIterable<ExportedCase[]> {
    // (created_at, id) as PostgreSQL orders them: lower-case UUID text sorts as uuid does.
    const byKey = (a: ExportCursor, b: ExportCursor) =>
      a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return keysetPages(
      async (cursor) =>
        this.matching(filter)
          .map((c) => ({ ...c.row, queriesTotal: c.queries.length }))
          .filter((c) => !cursor || byKey(c, cursor) > 0)
          .sort(byKey)
          .slice(0, pageSize),
      pageSize,
      cursorAfter,
    );
  }

  async exportQueries(slices: readonly ExportSlice[]): Promise<StoredQueryRecord[]> {
    return withFingerprintCases(
      slices.flatMap(
        (slice) => this.stored.get(slice.case.id)?.queries.slice(slice.after, slice.upTo) ?? [],
      ),
      this.fingerprintCases(),
    );
  }

  /** Distinct cases per fingerprint, counted over everything stored. */
  private fingerprintCases(): FingerprintCaseCounts {
    const cases = new Map<string, Set<string>>();
    for (const { row, queries } of this.stored.values()) {
      for (const fingerprint of queries.map((q) => q.analysis?.fingerprint)) {
        if (fingerprint) cases.set(fingerprint, (cases.get(fingerprint) ?? new Set()).add(row.id));
      }
    }
    return new Map([...cases].map(([fingerprint, ids]) => [fingerprint, ids.size]));
  }

  async history(id: string): Promise<CaseEvent[] | null> {
    const found = this.stored.get(id);
    return found ? [...found.events] : null;
  }

  private matching(filter: CaseFilter): StoredCase[] {
    return [...this.stored.values()].filter(
      (c) =>
        matches(c.row, filter) &&
        (!filter.queries || c.queries.some((q) => recordMatches(q, filter.queries!))),
    );
  }
}

function recordMatches(q: AnalyzedQueryRecord, criteria: QueryRecordCriteria): boolean {
  const a = q.analysis;
  const onAnalysis =
    criteria.table || criteria.fingerprint || criteria.statementClass || criteria.flag;
  if (onAnalysis && !a) return false;
  return (
    (!criteria.databaseName || q.databaseName === criteria.databaseName) &&
    (!criteria.executedBy || q.executedBy === criteria.executedBy) &&
    (!criteria.table || a!.tables.includes(criteria.table)) &&
    (!criteria.fingerprint || a!.fingerprint === criteria.fingerprint) &&
    (!criteria.statementClass || a!.classes.includes(criteria.statementClass)) &&
    (!criteria.flag || a!.flags.includes(criteria.flag))
  );
}

function matches(c: SupportCase, criteria: CaseFilter): boolean {
  const search = criteria.search?.toLowerCase();
  return (
    (!criteria.status || c.status === criteria.status) &&
    (!criteria.priority || c.priority === criteria.priority) &&
    (!criteria.caseType || c.caseType === criteria.caseType) &&
    (!criteria.createdBy || c.createdBy === criteria.createdBy) &&
    (!criteria.createdFrom || c.createdAt >= criteria.createdFrom) &&
    (!criteria.createdTo || c.createdAt <= criteria.createdTo) &&
    (!search ||
      c.title.toLowerCase().includes(search) ||
      (c.description ?? '').toLowerCase().includes(search))
  );
}
