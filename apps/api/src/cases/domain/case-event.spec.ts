import { describe, expect, it } from '@jest/globals';
import {
  canonicalJson,
  caseCreated,
  chainEvents,
  EMPTY_CHAIN,
  eventHash,
  queryRecorded,
  statusChanged,
} from './case-event.js';
import { openCase, recordQuery } from './case.js';

const now = new Date('2025-10-01T10:00:00.000Z');
const aCase = () =>
  openCase(
    { title: '  Extract ', caseType: 'support', priority: 'high', createdBy: ' Ana@Example.com' },
    now,
  );

describe('case factory', () => {
  it('trims the title, lower-cases the actor and opens the case', () => {
    const c = aCase();
    expect(c).toMatchObject({ title: 'Extract', createdBy: 'ana@example.com', status: 'open' });
    expect(c.createdAt).toBe(now);
    expect(c.updatedAt).toBe(now);
  });

  it("defaults a query's executed_by to the actor and executed_at to the write time", () => {
    const q = recordQuery(
      'case-1',
      { databaseName: 'd', schemaName: 's', queryText: 'q' },
      'ana@example.com',
      now,
    );
    expect(q).toMatchObject({
      executedBy: 'ana@example.com',
      executedAt: now,
      recordedAt: now,
      result: null,
    });
  });
});

describe('event hash chain', () => {
  it('links each event to the previous hash, starting from none', () => {
    const c = aCase();
    const q = recordQuery(
      c.id,
      { databaseName: 'd', schemaName: 's', queryText: 'q' },
      c.createdBy,
      now,
    );
    const events = chainEvents(c.id, EMPTY_CHAIN, [caseCreated(c), queryRecorded(q, c.createdBy)]);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    expect(events[0].prevHash).toBeNull();
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[1].hash).toBe(eventHash(events[1]));
    expect(events[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('continues an existing chain', () => {
    const head = { eventsCount: 4, lastHash: 'a'.repeat(64) };
    const [event] = chainEvents('case-1', head, [
      statusChanged('open', 'closed', null, 'x@y.z', now),
    ]);
    expect(event.seq).toBe(5);
    expect(event.prevHash).toBe('a'.repeat(64));
  });

  it('changes the hash when any covered field changes', () => {
    const [event] = chainEvents('case-1', EMPTY_CHAIN, [
      statusChanged('open', 'closed', 'n', 'x@y.z', now),
    ]);
    const base = eventHash(event);
    expect(eventHash({ ...event, actor: 'evil@y.z' })).not.toBe(base);
    expect(eventHash({ ...event, payload: { ...event.payload, to: 'resolved' } })).not.toBe(base);
    expect(eventHash({ ...event, occurredAt: new Date(now.getTime() + 1) })).not.toBe(base);
    expect(eventHash({ ...event, prevHash: 'b'.repeat(64) })).not.toBe(base);
  });

  it('hashes content independently of key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }),
    );
  });
});
