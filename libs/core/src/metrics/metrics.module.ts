import { DynamicModule, Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { Metrics } from './metrics.js';

/** Serves `GET /metrics` (Prometheus text) and makes {@link Metrics} injectable. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(defaultLabels: Record<string, string> = {}): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: Metrics, useFactory: () => new Metrics(defaultLabels) }],
      exports: [Metrics],
    };
  }
}
