import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { AppConfig } from '@app/config';
import { MetricsModule } from '@app/core';
import { Database, DatabaseModule } from '@app/database';
import { AnalysisModule } from './analysis/analysis.module.js';
import { AuditModule } from './audit/audit.module.js';
import { CasesModule } from './cases/cases.module.js';
import { DatabaseMetrics } from './database-metrics.js';
import { HealthModule } from './health/health.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { StatsModule } from './stats/stats.module.js';

export interface AppDependencies {
  config: AppConfig;
  database: Database;
  logger: Logger;
}

@Module({})
export class AppModule {
  static forRoot({ config, database, logger }: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot(database),
        // The request logger is mounted first in configureHttp (so the correlation id exists
        // before anything can answer); this binds its per-request logger (req.log) for
        // injection.
        // Nest's own lines name their class under `logger`, leaving `context` an object.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, renameContext: 'logger' }),
        MetricsModule.forRoot(),
        AuditModule.forRoot({ hmacKey: config.auditHmacKey }),
        HealthModule,
        AnalysisModule,
        IdentityModule.forRoot({ enabled: config.auth.mode === 'jwt' }),
        IdempotencyModule.forRoot({ ttlHours: config.idempotencyTtlHours }),
        CasesModule.forRoot({
          expensiveLists: config.expensiveLists,
          exports: config.exports,
          listExactTotalMax: config.listExactTotalMax,
        }),
        StatsModule.forRoot({ countIntervalMs: config.aggregatesCountIntervalMs }),
      ],
      providers: [DatabaseMetrics],
    };
  }
}
