import { describe, expect, it } from '@jest/globals';
import { canonicalJson, chainEvents, EMPTY_CHAIN, EventDraft, eventHash } from './hash-chain.js';

const now = new Date('2025-10-01T10:00:00.000Z');
const draft = (payload: Record<string, unknown> = {}): EventDraft => ({
  type: 'something_happened',
  actor: 'x@y.z',
  occurredAt: now,
  payload,
});

describe('event hash chain', () => {
  it('links each event to the previous hash, starting from none', () => {
    const events = chainEvents('case-1', EMPTY_CHAIN, [draft({ n: 1 }), draft({ n: 2 })]);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    expect(events[0].prevHash).toBeNull();
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[1].hash).toBe(eventHash(events[1]));
    expect(events[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('continues an existing chain', () => {
    const head = { eventsCount: 4, lastHash: 'a'.repeat(64) };
    const [event] = chainEvents('case-1', head, [draft()]);
    expect(event.seq).toBe(5);
    expect(event.prevHash).toBe('a'.repeat(64));
  });

  it('changes the hash when any covered field changes', () => {
    const [event] = chainEvents('case-1', EMPTY_CHAIN, [draft({ to: 'closed' })]);
    const base = eventHash(event);
    expect(eventHash({ ...event, actor: 'evil@y.z' })).not.toBe(base);
    expect(eventHash({ ...event, payload: { to: 'resolved' } })).not.toBe(base);
    expect(eventHash({ ...event, occurredAt: new Date(now.getTime() + 1) })).not.toBe(base);
    expect(eventHash({ ...event, prevHash: 'b'.repeat(64) })).not.toBe(base);
    expect(eventHash({ ...event, seq: 2 })).not.toBe(base);
    expect(eventHash({ ...event, caseId: 'case-2' })).not.toBe(base);
    expect(eventHash({ ...event, type: 'other' })).not.toBe(base);
  });

  it('hashes content independently of key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }),
    );
  });
});
