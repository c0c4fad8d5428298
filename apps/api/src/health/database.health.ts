import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Database, readMigrationFiles } from '@app/database';

const PING_TIMEOUT_MS = 1000;

/** Readiness of the database: it answers within 1 s and every migration on disk is applied. */
@Injectable()
export class DatabaseHealthIndicator {
  private readonly expectedVersions = readMigrationFiles().map((file) => file.version);

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
      const rows = await this.db.query(
        (sql) => sql<{ version: number }[]>`select version from schema_migrations`,
      );
      const applied = new Set(rows.map((row) => row.version));
      return this.expectedVersions.filter((version) => !applied.has(version));
    } catch {
      return this.expectedVersions;
    }
  }
}
