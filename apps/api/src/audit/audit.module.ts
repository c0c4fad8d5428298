import { DynamicModule, Module } from '@nestjs/common';
import { ChainHasher } from './domain/hash-chain.js';
import { AuditTrailRepository } from './persistence/audit-trail.repository.js';
import { PgAuditTrailRepository } from './persistence/pg-audit-trail.repository.js';
import { CreateAuditAnchorUseCase } from './use-cases/create-audit-anchor.use-case.js';
import { VerifyAuditTrailUseCase } from './use-cases/verify-audit-trail.use-case.js';

export interface AuditSettings {
  /** Unset: chains are hashed with plain SHA-256. */
  hmacKey: string | undefined;
}

/**
 * The audit trail: how events are hashed (for every slice that writes them), and its
 * verification and anchoring. Constructors name their tokens with `@Inject`: the audit
 * CLIs run under tsx, whose compiler emits no decorator metadata.
 */
@Module({})
export class AuditModule {
  static forRoot(settings: AuditSettings): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      providers: [
        { provide: ChainHasher, useValue: new ChainHasher(settings.hmacKey) },
        { provide: AuditTrailRepository, useClass: PgAuditTrailRepository },
        VerifyAuditTrailUseCase,
        CreateAuditAnchorUseCase,
      ],
      exports: [ChainHasher, VerifyAuditTrailUseCase, CreateAuditAnchorUseCase],
    };
  }
}
