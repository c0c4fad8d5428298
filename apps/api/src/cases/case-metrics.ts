import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { Metrics } from '@app/core';
import type { CaseStatus } from './domain/case-status.js';
import type { CaseType, Priority } from './domain/case.js';

/** Business counters: cases opened, query records written and status changes applied. */
@Injectable()
export class CaseMetrics {
  private readonly casesCreated: Counter<'case_type' | 'priority'>;
  private readonly queriesRecorded: Counter;
  private readonly statusChanges: Counter<'from' | 'to'>;

  constructor(@Inject(Metrics) metrics: Metrics) {
    const registers = [metrics.registry];
    this.casesCreated = new Counter({
      name: 'case_tracker_cases_created_total',
      help: 'Cases created, by type and priority',
      labelNames: ['case_type', 'priority'],
      registers,
    });
    this.queriesRecorded = new Counter({
      name: 'case_tracker_queries_recorded_total',
      help: 'Query records written, at creation and by appends',
      registers,
    });
    this.statusChanges = new Counter({
      name: 'case_tracker_status_changes_total',
      help: 'Status changes applied, by from and to',
      labelNames: ['from', 'to'],
      registers,
    });
  }

  caseCreated(caseType: CaseType, priority: Priority, queryCount: number): void {
    this.casesCreated.inc({ case_type: caseType, priority });
    this.queriesRecorded.inc(queryCount);
  }

  queriesAppended(count: number): void {
    this.queriesRecorded.inc(count);
  }

  statusChanged(from: CaseStatus, to: CaseStatus): void {
    this.statusChanges.inc({ from, to });
  }
}
