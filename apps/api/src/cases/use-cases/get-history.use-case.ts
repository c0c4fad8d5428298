import { Injectable } from '@nestjs/common';
import { CaseEvent } from '../domain/case-event.js';
import { CaseNotFoundError } from '../domain/case.errors.js';
import { CasesRepository } from '../persistence/cases.repository.js';

@Injectable()
export class GetHistoryUseCase {
  constructor(private readonly cases: CasesRepository) {}

  async execute(caseId: string): Promise<CaseEvent[]> {
    const events = await this.cases.history(caseId);
    if (!events) throw new CaseNotFoundError(caseId);
    return events;
  }
}
