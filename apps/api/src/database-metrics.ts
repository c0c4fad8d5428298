import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { Metrics } from '@app/core';
import { Database } from '@app/database';

/** The database's error counter and pool load, on the app's registry. */
@Injectable()
export class DatabaseMetrics implements OnModuleInit {
  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(Database) private readonly database: Database,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const database = this.database;
    const errors = new Counter({
      name: 'case_tracker_db_errors_total',
      help: 'Failed database calls: unavailable (down or timed out) or failed (other errors)',
      labelNames: ['kind'],
      registers,
    });
    database.onError((kind) => errors.inc({ kind }));
    new Gauge({
      name: 'case_tracker_db_calls_active',
      help: 'Database calls holding a pool connection now',
      registers,
      collect() {
        this.set(database.load().active);
      },
    });
    new Gauge({
      name: 'case_tracker_db_calls_waiting',
      help: 'Database calls waiting for a pool connection now',
      registers,
      collect() {
        this.set(database.load().waiting);
      },
    });
  }
}
