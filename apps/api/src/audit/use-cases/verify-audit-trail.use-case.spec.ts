import { describe, expect, it } from '@jest/globals';
import { chainEvents, ChainedEvent, EMPTY_CHAIN, EventDraft } from '../domain/hash-chain.js';
import {
  AuditTrailRepository,
  StoredEventWithHead,
} from '../persistence/audit-trail.repository.js';
import { VerifyAuditTrailUseCase } from './verify-audit-trail.use-case.js';

const draft = (n: number): EventDraft => ({
  type: 'something_happened',
  actor: 'x@y.z',
  occurredAt: new Date('2025-10-01T10:00:00.000Z'),
  payload: { n },
});

/** Cases as rows with a recorded chain head, and their stored events. */
class InMemoryAuditTrail extends AuditTrailRepository {
  readonly cases = new Map<string, ChainedEvent[]>();

  addCase(caseId: string, events: number): ChainedEvent[] {
    const chain = chainEvents(
      caseId,
      EMPTY_CHAIN,
      Array.from({ length: events }, (_, i) => draft(i)),
    );
    this.cases.set(caseId, chain);
    return chain;
  }

  async *eventsInChainOrder(): AsyncIterable<StoredEventWithHead> {
    for (const caseId of [...this.cases.keys()].sort()) {
      const events = this.cases.get(caseId)!;
      const recorded = this.recordedHeads.get(caseId) ?? {
        eventsCount: events.length,
        lastHash: events.at(-1)?.hash ?? null,
      };
      for (const event of events) yield { event, head: recorded };
    }
  }

  /** What the case rows say, when a test makes them disagree with the events. */
  readonly recordedHeads = new Map<string, { eventsCount: number; lastHash: string | null }>();

  async findCaseWithoutEvents(): Promise<string | null> {
    return [...this.cases.entries()].find(([, events]) => events.length === 0)?.[0] ?? null;
  }
}

describe('VerifyAuditTrailUseCase', () => {
  it('counts every verified event and case', async () => {
    const trail = new InMemoryAuditTrail();
    trail.addCase('a', 3);
    trail.addCase('b', 2);
    expect(await new VerifyAuditTrailUseCase(trail).execute()).toEqual({
      verifiedEvents: 5,
      verifiedCases: 2,
      broken: null,
    });
  });

  it('stops at the first event whose content no longer matches its hash', async () => {
    const trail = new InMemoryAuditTrail();
    trail.addCase('a', 2);
    const [, second] = trail.addCase('b', 3);
    second.actor = 'mallory@evil.test';
    const report = await new VerifyAuditTrailUseCase(trail).execute();
    expect(report.broken).toMatchObject({ caseId: 'b', eventId: second.id });
    expect(report.verifiedEvents).toBe(3);
  });

  it('finds a chain cut short of what the case row records', async () => {
    const trail = new InMemoryAuditTrail();
    const events = trail.addCase('a', 3);
    trail.recordedHeads.set('a', { eventsCount: 4, lastHash: events[2].hash });
    expect((await new VerifyAuditTrailUseCase(trail).execute()).broken).toMatchObject({
      caseId: 'a',
      eventId: null,
    });
  });

  it('finds a case without any event', async () => {
    const trail = new InMemoryAuditTrail();
    trail.addCase('a', 1);
    trail.cases.set('b', []);
    expect((await new VerifyAuditTrailUseCase(trail).execute()).broken).toEqual({
      caseId: 'b',
      eventId: null,
      reason: 'the case has no events at all',
    });
  });
});
