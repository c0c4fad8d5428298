import { Inject, Injectable } from '@nestjs/common';
import { ChainBreak, ChainVerifier } from '../domain/chain-verifier.js';
import { AuditTrailRepository } from '../persistence/audit-trail.repository.js';

export interface AuditReport {
  verifiedEvents: number;
  verifiedCases: number;
  /** The first broken link, or null when every chain holds. */
  broken: ChainBreak | null;
}

/** Walks every case's event chain in the database and reports the first broken link. */
@Injectable()
export class VerifyAuditTrailUseCase {
  constructor(@Inject(AuditTrailRepository) private readonly trail: AuditTrailRepository) {}

  async execute(): Promise<AuditReport> {
    const verifier = new ChainVerifier();
    const report = (broken: ChainBreak | null): AuditReport => ({
      verifiedEvents: verifier.verifiedEvents,
      verifiedCases: verifier.verifiedCases,
      broken,
    });
    for await (const { event, head } of this.trail.eventsInChainOrder()) {
      const broken = verifier.push(event, head);
      if (broken) return report(broken);
    }
    const tail = verifier.finish();
    if (tail) return report(tail);
    const orphan = await this.trail.findCaseWithoutEvents();
    return report(
      orphan ? { caseId: orphan, eventId: null, reason: 'the case has no events at all' } : null,
    );
  }
}
