import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { UnitOfWork } from '@app/core';
import { Database } from './database.js';
import { PgUnitOfWork } from './pg-unit-of-work.js';

@Injectable()
class PoolCloser implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

/**
 * Makes the process's {@link Database} and its {@link UnitOfWork} injectable. The pool is
 * opened by the caller (bootstrap, a CLI or a test), which also owns any embedded server;
 * Nest closes the pool on shutdown.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(database: Database): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: Database, useValue: database },
        { provide: UnitOfWork, useClass: PgUnitOfWork },
        PoolCloser,
      ],
      exports: [Database, UnitOfWork],
    };
  }
}
