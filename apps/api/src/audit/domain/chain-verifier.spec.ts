import { describe, expect, it } from '@jest/globals';
import { ChainVerifier } from './chain-verifier.js';
import { chainEvents, EMPTY_CHAIN, EventDraft } from './hash-chain.js';

const drafts = (count: number): EventDraft[] =>
  Array.from({ length: count }, (_, n) => ({
    type: 't',
    actor: 'x@y.z',
    occurredAt: new Date('2025-10-01T10:00:00.000Z'),
    payload: { n },
  }));

describe('ChainVerifier', () => {
  const events = chainEvents('case-1', EMPTY_CHAIN, drafts(3));
  const head = { eventsCount: 3, lastHash: events[2].hash };

  it('accepts an intact chain that ends where the case row says', () => {
    const verifier = new ChainVerifier();
    for (const event of events) expect(verifier.push(event, head)).toBeNull();
    expect(verifier.finish()).toBeNull();
    expect([verifier.verifiedEvents, verifier.verifiedCases]).toEqual([3, 1]);
  });

  it('finds a gap in the numbering', () => {
    const verifier = new ChainVerifier();
    verifier.push(events[0], head);
    expect(verifier.push(events[2], head)).toMatchObject({
      eventId: events[2].id,
      reason: 'expected event #2, found #3',
    });
  });

  it('finds a prev_hash that does not link to the previous event', () => {
    const verifier = new ChainVerifier();
    verifier.push(events[0], head);
    expect(verifier.push({ ...events[1], prevHash: 'f'.repeat(64) }, head)?.reason).toMatch(
      /prev_hash/,
    );
  });

  it('finds a missing tail when the next case starts or the stream ends', () => {
    const verifier = new ChainVerifier();
    verifier.push(events[0], head);
    verifier.push(events[1], head);
    expect(verifier.finish()).toMatchObject({ caseId: 'case-1', eventId: null });
  });
});
