import { Inject, Injectable } from '@nestjs/common';
import { Anchor, AnchorDigest } from '../domain/anchor.js';
import { ChainHasher } from '../domain/hash-chain.js';
import { TrailBreak, TrailVerifier } from '../domain/trail-verifier.js';
import { AuditTrailRepository } from '../persistence/audit-trail.repository.js';

export interface VerifyAuditTrailCommand {
  /** Also prove that nothing before the anchor's cutoff was rewritten since it was taken. */
  anchor?: Anchor;
  /** Refuse any event not keyed with AUDIT_HMAC_KEY. */
  requireKeyed?: boolean;
}

export interface AuditReport {
  verifiedCases: number;
  verifiedEvents: number;
  verifiedRecords: number;
  keyedEvents: number;
  /** The first break found, or null when every trail holds. */
  broken: TrailBreak | null;
  /** With an anchor: whether the history up to its cutoff still digests to it. */
  anchorMatches: boolean | null;
}

/** Checks every case's trail in the database and reports the first break. */
@Injectable()
export class VerifyAuditTrailUseCase {
  constructor(
    @Inject(AuditTrailRepository) private readonly trail: AuditTrailRepository,
    @Inject(ChainHasher) private readonly hasher: ChainHasher,
  ) {}

  async execute(command: VerifyAuditTrailCommand = {}): Promise<AuditReport> {
    const verifier = new TrailVerifier(this.hasher, command.requireKeyed);
    let broken: TrailBreak | null = null;
    for await (const trail of this.trail.trails()) {
      broken = verifier.check(trail);
      if (broken) break;
    }
    const anchorMatches = command.anchor
      ? (await AnchorDigest.of(this.trail.chainHeadsAt(command.anchor.cutoff))).digest() ===
        command.anchor.digest
      : null;
    return {
      verifiedCases: verifier.verifiedCases,
      verifiedEvents: verifier.verifiedEvents,
      verifiedRecords: verifier.verifiedRecords,
      keyedEvents: verifier.keyedEvents,
      broken,
      anchorMatches,
    };
  }
}
