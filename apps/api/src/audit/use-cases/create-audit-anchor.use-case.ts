import { Inject, Injectable } from '@nestjs/common';
import { Anchor, ANCHOR_SETTLE_MS, AnchorDigest } from '../domain/anchor.js';
import { AuditTrailRepository } from '../persistence/audit-trail.repository.js';

/** Digests every chain head as of a minute ago: an anchor to store outside the database. */
@Injectable()
export class CreateAuditAnchorUseCase {
  constructor(@Inject(AuditTrailRepository) private readonly trail: AuditTrailRepository) {}

  async execute(now = new Date()): Promise<Anchor & { heads: number }> {
    const cutoff = new Date(now.getTime() - ANCHOR_SETTLE_MS);
    const digest = await digestAt(this.trail, cutoff);
    return { cutoff, digest: digest.digest(), heads: digest.heads };
  }
}

/** The anchor digest of the trail as it stands, for the heads as of `cutoff`. */
export async function digestAt(trail: AuditTrailRepository, cutoff: Date): Promise<AnchorDigest> {
  const digest = new AnchorDigest();
  for await (const head of trail.chainHeadsAt(cutoff)) digest.add(head);
  return digest;
}
