import { describe, expect, it } from '@jest/globals';
import {
  canonicalJson,
  chainEvents,
  ChainHasher,
  EMPTY_CHAIN,
  EventDraft,
  MissingAuditKeyError,
} from './hash-chain.js';

const now = new Date('2025-10-01T10:00:00.000Z');
const draft = (payload: Record<string, unknown> = {}): EventDraft => ({
  type: 'something_happened',
  actor: 'x@y.z',
  occurredAt: now,
  payload,
});
const hasher = new ChainHasher();

describe('event hash chain', () => {
  it('links each event to the previous hash, starting from none', () => {
    const events = chainEvents('case-1', EMPTY_CHAIN, [draft({ n: 1 }), draft({ n: 2 })], hasher);
    expect(events.map((e) => [e.seq, e.hashAlg])).toEqual([
      [1, 'sha256'],
      [2, 'sha256'],
    ]);
    expect(events[0].prevHash).toBeNull();
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[1].hash).toBe(hasher.hash(events[1]));
    expect(events[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('continues an existing chain', () => {
    const head = { eventsCount: 4, lastHash: 'a'.repeat(64) };
    const [event] = chainEvents('case-1', head, [draft()], hasher);
    expect(event.seq).toBe(5);
    expect(event.prevHash).toBe('a'.repeat(64));
  });

  it('changes the hash when any covered field changes, the event id included', () => {
    const [event] = chainEvents('case-1', EMPTY_CHAIN, [draft({ to: 'closed' })], hasher);
    const base = hasher.hash(event);
    for (const changed of [
      { actor: 'evil@y.z' },
      { payload: { to: 'resolved' } },
      { occurredAt: new Date(now.getTime() + 1) },
      { prevHash: 'b'.repeat(64) },
      { seq: 2 },
      { caseId: 'case-2' },
      { type: 'other' },
      { id: '00000000-0000-4000-8000-000000000000' },
    ]) {
      expect(hasher.hash({ ...event, ...changed })).not.toBe(base);
    }
  });

  it('leaves the id out of the first chains (sha256-v1) and only there', () => {
    const [event] = chainEvents('case-1', EMPTY_CHAIN, [draft()], hasher);
    const legacy = { ...event, hashAlg: 'sha256-v1' as const };
    expect(hasher.hash({ ...legacy, id: 'other' })).toBe(hasher.hash(legacy));
    expect(hasher.hash(legacy)).not.toBe(hasher.hash(event));
  });

  it('keys the chain with AUDIT_HMAC_KEY: another key gives other hashes, no key none', () => {
    const keyed = new ChainHasher('k'.repeat(32));
    const [event] = chainEvents('case-1', EMPTY_CHAIN, [draft()], keyed);
    expect(event.hashAlg).toBe('hmac-sha256');
    expect(keyed.hash(event)).toBe(event.hash);
    expect(new ChainHasher('j'.repeat(32)).hash(event)).not.toBe(event.hash);
    expect(() => hasher.hash(event)).toThrow(MissingAuditKeyError);
  });

  it('hashes content independently of key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }),
    );
  });
});
