import { DynamicModule, Module } from '@nestjs/common';
import { CaseMetrics } from './case-metrics.js';
import { CasesController } from './cases.controller.js';
import { ExpensiveListLimiter, ExpensiveListLimits } from './expensive-list-limiter.js';
import { CasesRepository } from './persistence/cases.repository.js';
import { PgCasesRepository } from './persistence/pg-cases.repository.js';
import { AppendQueriesUseCase } from './use-cases/append-queries.use-case.js';
import { ChangeStatusUseCase } from './use-cases/change-status.use-case.js';
import { CreateCaseUseCase } from './use-cases/create-case.use-case.js';
import { GetCaseUseCase } from './use-cases/get-case.use-case.js';
import { GetHistoryUseCase } from './use-cases/get-history.use-case.js';
import { ListCaseQueriesUseCase } from './use-cases/list-case-queries.use-case.js';
import { ListCasesUseCase } from './use-cases/list-cases.use-case.js';

export interface CasesSettings {
  expensiveLists: ExpensiveListLimits;
}

@Module({})
export class CasesModule {
  static forRoot(settings: CasesSettings): DynamicModule {
    return {
      module: CasesModule,
      controllers: [CasesController],
      providers: [
        { provide: CasesRepository, useClass: PgCasesRepository },
        {
          provide: ExpensiveListLimiter,
          useValue: new ExpensiveListLimiter(settings.expensiveLists),
        },
        CaseMetrics,
        CreateCaseUseCase,
        ListCasesUseCase,
        GetCaseUseCase,
        AppendQueriesUseCase,
        ChangeStatusUseCase,
        GetHistoryUseCase,
        ListCaseQueriesUseCase,
      ],
    };
  }
}
