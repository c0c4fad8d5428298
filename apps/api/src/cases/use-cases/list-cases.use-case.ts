import { Injectable } from '@nestjs/common';
import { CaseListCriteria, needsFullScan, PagedList, pagedList } from '../domain/case-list.js';
import { CaseSummary } from '../domain/case.js';
import { ExpensiveListLimiter } from '../expensive-list-limiter.js';
import { CasesRepository } from '../persistence/cases.repository.js';

export type CaseList = PagedList<CaseSummary>;

@Injectable()
export class ListCasesUseCase {
  constructor(
    private readonly cases: CasesRepository,
    private readonly expensiveLists: ExpensiveListLimiter,
  ) {}

  /**
   * One page and the exact total. A list the search index cannot narrow reads the whole
   * table, so it waits its turn for the limiter on behalf of `clientKey`, who asked for it.
   */
  async execute(criteria: CaseListCriteria, clientKey: string): Promise<CaseList> {
    const found = needsFullScan(criteria)
      ? await this.expensiveLists.run(clientKey, () => this.cases.list(criteria))
      : await this.cases.list(criteria);
    return pagedList(found, criteria);
  }
}
