import { Injectable } from '@nestjs/common';
import type { FingerprintListCriteria, FingerprintStats } from '../domain/fingerprint-stats.js';
import { ANALYZER_VERSION } from '../domain/query-analyzer.js';
import { FingerprintsRepository } from '../persistence/fingerprints.repository.js';

export interface FingerprintList {
  items: FingerprintStats[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

/** The top list of query shapes, as the current analyzer fingerprints. */
@Injectable()
export class ListFingerprintsUseCase {
  constructor(private readonly fingerprints: FingerprintsRepository) {}

  async execute(criteria: FingerprintListCriteria): Promise<FingerprintList> {
    const { items, total } = await this.fingerprints.list(ANALYZER_VERSION, criteria);
    return {
      items,
      total,
      page: criteria.page,
      pageSize: criteria.pageSize,
      pages: Math.ceil(total / criteria.pageSize),
    };
  }
}
