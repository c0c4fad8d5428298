import { DynamicModule, Module } from '@nestjs/common';
import { CaseMetrics } from './case-metrics.js';
import { CaseExportController } from './case-export.controller.js';
import { CasesController } from './cases.controller.js';
import { ExpensiveListLimiter, ExpensiveListLimits } from './expensive-list-limiter.js';
import { ExportLimiter, ExportLimits } from './export/export-limiter.js';
import { CasesRepository } from './persistence/cases.repository.js';
import { PgCasesRepository } from './persistence/pg-cases.repository.js';
import { AppendQueriesUseCase } from './use-cases/append-queries.use-case.js';
import { ChangeStatusUseCase } from './use-cases/change-status.use-case.js';
import { CreateCaseUseCase } from './use-cases/create-case.use-case.js';
import { ExportCasesUseCase } from './use-cases/export-cases.use-case.js';
import { GetCaseUseCase } from './use-cases/get-case.use-case.js';
import { GetHistoryUseCase } from './use-cases/get-history.use-case.js';
import { ListCaseQueriesUseCase } from './use-cases/list-case-queries.use-case.js';
import { CaseListSettings, ListCasesUseCase } from './use-cases/list-cases.use-case.js';

export interface CasesSettings {
  expensiveLists: ExpensiveListLimits;
  exports: ExportLimits;
  listExactTotalMax: number;
}

@Module({})
export class CasesModule {
  static forRoot(settings: CasesSettings): DynamicModule {
    return {
      module: CasesModule,
      // Express matches routes in the order they are registered: /cases/export must come
      // before /cases/:id, which would take `export` for an id.
      controllers: [CaseExportController, CasesController],
      providers: [
        { provide: CasesRepository, useClass: PgCasesRepository },
        {
          provide: ExpensiveListLimiter,
          useValue: new ExpensiveListLimiter(settings.expensiveLists),
        },
        { provide: ExportLimiter, useValue: new ExportLimiter(settings.exports) },
        {
          provide: CaseListSettings,
          useValue: new CaseListSettings(settings.listExactTotalMax),
        },
        CaseMetrics,
        CreateCaseUseCase,
        ListCasesUseCase,
        GetCaseUseCase,
        AppendQueriesUseCase,
        ChangeStatusUseCase,
        GetHistoryUseCase,
        ListCaseQueriesUseCase,
        ExportCasesUseCase,
      ],
    };
  }
}
