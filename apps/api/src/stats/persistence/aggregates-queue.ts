import { Injectable } from '@nestjs/common';
import { Database } from '@app/database';

/**
 * The writes queued for the aggregates (migration 0011): every create, append and status
 * change adds rows, and {@link AggregatesQueue.count} moves them into the counters.
 */
@Injectable()
export class AggregatesQueue {
  constructor(private readonly db: Database) {}

  /**
   * Counts up to `maxRows` of each queue, oldest first, in one transaction; answers how many
   * rows it counted (0 when another count is running: one runs at a time).
   */
  async count(maxRows: number): Promise<number> {
    const [{ counted }] = await this.db.query(
      (sql) => sql<{ counted: number }[]>`select count_queued(${maxRows}) as counted`,
    );
    return counted;
  }
}
