import { Module } from '@nestjs/common';
import { AuditTrailRepository } from './persistence/audit-trail.repository.js';
import { PgAuditTrailRepository } from './persistence/pg-audit-trail.repository.js';
import { VerifyAuditTrailUseCase } from './use-cases/verify-audit-trail.use-case.js';

/**
 * Verification of the stored audit trail. Its constructors name their tokens with
 * `@Inject`: the audit CLI runs under tsx, whose compiler emits no decorator metadata.
 */
@Module({
  providers: [
    { provide: AuditTrailRepository, useClass: PgAuditTrailRepository },
    VerifyAuditTrailUseCase,
  ],
  exports: [VerifyAuditTrailUseCase],
})
export class AuditModule {}
