import { Injectable } from '@nestjs/common';
import { PagedList, pagedList } from '../domain/case-list.js';
import type { PageRequest } from '../domain/case-list.js';
import { CaseNotFoundError } from '../domain/case.errors.js';
import { StoredQueryRecord } from '../domain/case.js';
import { CasesRepository } from '../persistence/cases.repository.js';

export type QueryRecordPage = PagedList<StoredQueryRecord>;

/** One page of a case's query records, oldest first. */
@Injectable()
export class ListCaseQueriesUseCase {
  constructor(private readonly cases: CasesRepository) {}

  async execute(caseId: string, request: PageRequest): Promise<QueryRecordPage> {
    const found = await this.cases.listQueries(caseId, request);
    if (!found) throw new CaseNotFoundError(caseId);
    return pagedList(found, request);
  }
}
