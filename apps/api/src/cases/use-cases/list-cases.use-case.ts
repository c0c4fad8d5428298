import { Injectable } from '@nestjs/common';
import { CaseListCriteria } from '../domain/case-list.js';
import { CaseSummary } from '../domain/case.js';
import { CasesRepository } from '../persistence/cases.repository.js';

export interface CaseList {
  items: CaseSummary[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

@Injectable()
export class ListCasesUseCase {
  constructor(private readonly cases: CasesRepository) {}

  async execute(criteria: CaseListCriteria): Promise<CaseList> {
    const { items, total } = await this.cases.list(criteria);
    return {
      items,
      total,
      page: criteria.page,
      pageSize: criteria.pageSize,
      pages: Math.ceil(total / criteria.pageSize),
    };
  }
}
