import type { FingerprintListCriteria, FingerprintStats } from '../domain/fingerprint-stats.js';

/** The per-fingerprint aggregates of migration 0010, for one analyzer version. */
export abstract class FingerprintsRepository {
  abstract find(analyzerVersion: string, fingerprint: string): Promise<FingerprintStats | null>;
  abstract list(
    analyzerVersion: string,
    criteria: FingerprintListCriteria,
  ): Promise<{ items: FingerprintStats[]; total: number }>;
}
