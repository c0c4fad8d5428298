import { Injectable } from '@nestjs/common';
import { FingerprintNotFoundError } from '../analysis.errors.js';
import type { FingerprintStats } from '../domain/fingerprint-stats.js';
import { ANALYZER_VERSION } from '../domain/query-analyzer.js';
import { FingerprintsRepository } from '../persistence/fingerprints.repository.js';

/** One query shape's figures, as the current analyzer fingerprints. */
@Injectable()
export class GetFingerprintUseCase {
  constructor(private readonly fingerprints: FingerprintsRepository) {}

  async execute(fingerprint: string): Promise<FingerprintStats> {
    const found = await this.fingerprints.find(ANALYZER_VERSION, fingerprint);
    if (!found) throw new FingerprintNotFoundError(fingerprint);
    return found;
  }
}
