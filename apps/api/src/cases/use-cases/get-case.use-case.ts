import { Injectable } from '@nestjs/common';
import { CaseNotFoundError } from '../domain/case.errors.js';
import { CASE_DETAIL_QUERIES, CaseWithQueries } from '../domain/case.js';
import { CasesRepository } from '../persistence/cases.repository.js';

@Injectable()
export class GetCaseUseCase {
  constructor(private readonly cases: CasesRepository) {}

  async execute(id: string): Promise<CaseWithQueries> {
    const found = await this.cases.findById(id, CASE_DETAIL_QUERIES);
    if (!found) throw new CaseNotFoundError(id);
    return found;
  }
}
