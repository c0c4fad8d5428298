import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './persistence/cases.repository.js';
import { PgCasesRepository } from './persistence/pg-cases.repository.js';
import { CreateCaseUseCase } from './use-cases/create-case.use-case.js';
import { GetCaseUseCase } from './use-cases/get-case.use-case.js';
import { ListCasesUseCase } from './use-cases/list-cases.use-case.js';

@Module({
  controllers: [CasesController],
  providers: [
    { provide: CasesRepository, useClass: PgCasesRepository },
    CreateCaseUseCase,
    ListCasesUseCase,
    GetCaseUseCase,
  ],
})
export class CasesModule {}
