import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Database, pendingMigrations, readMigrationFiles } from '@app/database';

const PING_TIMEOUT_MS = 1000;

/** Readiness of the database: it answers within 1 s and every migration on disk is applied. */
@Injectable()
export class DatabaseHealthIndicator {
  private readonly migrations = readMigrationFiles();

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly db: Database,
  ) {}

  async check(key: string) {
    const indicator = this.indicators.check(key);
    if (!(await this.db.ping(PING_TIMEOUT_MS))) {
      return indicator.down({ message: `no answer within ${PING_TIMEOUT_MS} ms` });
    }
    const pending = await this.pendingMigrations();
    return pending.length === 0
      ? indicator.up()
      : indicator.down({ message: 'migrations pending', pending });
  }

  private async pendingMigrations(): Promise<number[]> {
    try {
      return await this.db.query((sql) => pendingMigrations(sql, this.migrations));
    } catch {
      return this.migrations.map((file) => file.version);
    }
  }
}
