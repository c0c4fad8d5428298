import { Injectable } from '@nestjs/common';
import { PagedList, pagedList } from '../../cases/domain/case-list.js';
import type { FingerprintListCriteria, FingerprintStats } from '../domain/fingerprint-stats.js';
import { ANALYZER_VERSION } from '../domain/query-analyzer.js';
import { FingerprintsRepository } from '../persistence/fingerprints.repository.js';

export type FingerprintList = PagedList<FingerprintStats>;

/** The top list of query shapes, as the current analyzer fingerprints. */
@Injectable()
export class ListFingerprintsUseCase {
  constructor(private readonly fingerprints: FingerprintsRepository) {}

  async execute(criteria: FingerprintListCriteria): Promise<FingerprintList> {
    return pagedList(await this.fingerprints.list(ANALYZER_VERSION, criteria), criteria);
  }
}
