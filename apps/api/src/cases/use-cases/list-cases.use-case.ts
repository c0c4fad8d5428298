import { Injectable } from '@nestjs/common';
import { CaseListCriteria, needsFullScan } from '../domain/case-list.js';
import { CaseSummary } from '../domain/case.js';
import { CursorPagedList, cursorPagedList } from '../domain/list-cursor.js';
import { ExpensiveListLimiter } from '../expensive-list-limiter.js';
import { CasesRepository } from '../persistence/cases.repository.js';

export type CaseList = CursorPagedList<CaseSummary>;

/** How far a list counts its matches one by one (LIST_EXACT_TOTAL_MAX). */
export class CaseListSettings {
  constructor(readonly exactTotalMax: number) {}
}

@Injectable()
export class ListCasesUseCase {
  constructor(
    private readonly cases: CasesRepository,
    private readonly expensiveLists: ExpensiveListLimiter,
    private readonly settings: CaseListSettings,
  ) {}

  /**
   * One page, its total and the cursor of the next page. The total is exact from the
   * counters, else counted up to the settings' bound (beyond it, the bound). A list the
   * search index cannot narrow reads the whole table, so it waits its turn for the limiter
   * on behalf of `clientKey`, who asked for it.
   */
  async execute(criteria: CaseListCriteria, clientKey: string): Promise<CaseList> {
    const list = () => this.cases.list(criteria, this.settings.exactTotalMax);
    const found = needsFullScan(criteria)
      ? await this.expensiveLists.run(clientKey, list)
      : await list();
    return cursorPagedList(found, criteria);
  }
}
