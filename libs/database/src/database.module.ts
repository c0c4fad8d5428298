import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Database } from './database.js';

@Injectable()
class PoolCloser implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

/**
 * Makes the process's {@link Database} injectable. The pool is opened by the caller
 * (bootstrap or a test), which also owns any embedded server; Nest closes the pool on
 * shutdown.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(database: Database): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: Database, useValue: database }, PoolCloser],
      exports: [Database],
    };
  }
}
