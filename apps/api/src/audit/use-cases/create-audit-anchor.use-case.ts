import { Inject, Injectable } from '@nestjs/common';
import { Anchor, ANCHOR_SETTLE_MS, AnchorDigest } from '../domain/anchor.js';
import { AuditTrailRepository } from '../persistence/audit-trail.repository.js';

/** Digests every chain head as of a minute ago: an anchor to store outside the database. */
@Injectable()
export class CreateAuditAnchorUseCase {
  constructor(@Inject(AuditTrailRepository) private readonly trail: AuditTrailRepository) {}

  async execute(now = new Date()): Promise<Anchor & { heads: number }> {
    const cutoff = new Date(now.getTime() - ANCHOR_SETTLE_MS);
    const digest = await AnchorDigest.of(this.trail.chainHeadsAt(cutoff));
    return { cutoff, digest: digest.digest(), heads: digest.heads };
  }
}
