import { describe, expect, it } from '@jest/globals';
import { aQueryInput, inMemoryCases } from '../../cases/use-cases/in-memory.fixture.js';
import { formatAnchor, parseAnchor } from '../domain/anchor.js';
import { chainEvents, ChainHasher } from '../domain/hash-chain.js';
import { InMemoryAuditTrailRepository } from '../persistence/in-memory-audit-trail.repository.js';
import { CreateAuditAnchorUseCase } from './create-audit-anchor.use-case.js';
import { VerifyAuditTrailUseCase } from './verify-audit-trail.use-case.js';

/** Two cases written through the cases use cases, and the audit use cases over them. */
async function setUp(hasher = new ChainHasher()) {
  const slice = inMemoryCases(hasher);
  const a = await slice.open({ title: 'a', queries: [aQueryInput('select 1')] });
  const b = await slice.open({ title: 'b', queries: [aQueryInput('select 2'), aQueryInput()] });
  await slice.changeStatus.execute({
    caseId: b.id,
    to: 'in_progress',
    changedBy: 'lead@x.io',
    note: null,
  });
  const trail = new InMemoryAuditTrailRepository(slice.cases);
  return {
    trail,
    stored: (id: string) => slice.cases.stored.get(id)!,
    a,
    b,
    verify: new VerifyAuditTrailUseCase(trail, hasher),
    anchor: new CreateAuditAnchorUseCase(trail),
  };
}

describe('VerifyAuditTrailUseCase', () => {
  it('verifies every case, event and query record', async () => {
    const { verify } = await setUp();
    expect(await verify.execute()).toEqual({
      verifiedCases: 2,
      verifiedEvents: 6,
      verifiedRecords: 3,
      keyedEvents: 0,
      broken: null,
      anchorMatches: null,
    });
  });

  it('finds an event whose content no longer matches its hash', async () => {
    const { verify, stored, b } = await setUp();
    const event = stored(b.id).events[1];
    event.actor = 'mallory@evil.test';
    expect((await verify.execute()).broken).toMatchObject({ caseId: b.id, eventId: event.id });
  });

  it('finds an event id swapped for another (the id is inside the hash)', async () => {
    const { verify, stored, a } = await setUp();
    const event = stored(a.id).events[0];
    event.id = '00000000-0000-4000-8000-000000000000';
    expect((await verify.execute()).broken).toMatchObject({
      caseId: a.id,
      reason: 'hash does not match the event',
    });
  });

  it('finds a case row that says what no event says', async () => {
    const { verify, stored, b } = await setUp();
    stored(b.id).row.status = 'open';
    expect((await verify.execute()).broken).toMatchObject({
      caseId: b.id,
      eventId: null,
      reason: 'the case row differs from the replay of its events: status',
    });
  });

  it('finds a query record that differs from its event', async () => {
    const { verify, stored, a } = await setUp();
    const record = stored(a.id).queries[0];
    record.queryText = 'drop table evidence';
    expect((await verify.execute()).broken).toMatchObject({
      caseId: a.id,
      reason: `query record ${record.id} differs from its event`,
    });
  });

  it('finds a query record without its event', async () => {
    const { verify, stored, a } = await setUp();
    const [record] = stored(a.id).queries;
    stored(a.id).queries.push({ ...record, id: 'extra' });
    // Here the row's count comes from the records, so the replay check sees it first.
    expect((await verify.execute()).broken).toMatchObject({
      caseId: a.id,
      reason: expect.stringMatching(/queriesCount|no query_recorded event/),
    });
  });

  it('checks keyed chains with the key, and cannot without it', async () => {
    const keyed = new ChainHasher('k'.repeat(32));
    const { verify } = await setUp(keyed);
    expect(await verify.execute()).toMatchObject({ broken: null, keyedEvents: 6 });

    const { trail } = await setUp(keyed);
    const withoutKey = new VerifyAuditTrailUseCase(trail, new ChainHasher());
    await expect(withoutKey.execute()).rejects.toThrow(/AUDIT_HMAC_KEY/);
  });

  it('refuses unkeyed events when keyed ones are required', async () => {
    const { verify } = await setUp();
    expect((await verify.execute({ requireKeyed: true })).broken?.reason).toBe(
      'the event is not keyed (sha256)',
    );
  });
});

describe('VerifyAuditTrailUseCase against a downgrade', () => {
  it('refuses a keyed chain whose tail was rewritten unkeyed', async () => {
    const keyed = new ChainHasher('k'.repeat(32));
    const slice = inMemoryCases(keyed);
    const c = await slice.open();
    const unkeyed = new ChainHasher();
    const { events } = slice.cases.stored.get(c.id)!;
    const forged = chainEvents(
      c.id,
      { eventsCount: 1, lastHash: events[0].hash },
      [
        {
          type: 'status_changed',
          actor: 'x@y.z',
          occurredAt: events[0].occurredAt,
          payload: { from: 'open', to: 'closed', note: null },
        },
      ],
      unkeyed,
    );
    events.push(...forged);
    slice.cases.stored.get(c.id)!.row.status = 'closed';
    const report = await new VerifyAuditTrailUseCase(
      new InMemoryAuditTrailRepository(slice.cases),
      keyed,
    ).execute();
    expect(report.broken?.reason).toBe('sha256 after hmac-sha256: the chain was downgraded');
  });
});

describe('CreateAuditAnchorUseCase', () => {
  const later = () => new Date(Date.now() + 120_000);

  it('anchors the history, and verify matches it until something before the cutoff changes', async () => {
    const { anchor, verify, stored, b } = await setUp();
    const taken = await anchor.execute(later());
    expect(taken.heads).toBe(2);
    const parsed = parseAnchor(formatAnchor(taken))!;
    expect(parsed).toEqual({ cutoff: taken.cutoff, digest: taken.digest });
    expect((await verify.execute({ anchor: parsed })).anchorMatches).toBe(true);

    // A rewrite that keeps every chain internally consistent: only the anchor sees it.
    stored(b.id).events.pop();
    expect((await verify.execute({ anchor: parsed })).anchorMatches).toBe(false);
  });

  it('leaves out what happened after its cutoff', async () => {
    const { anchor } = await setUp();
    expect((await anchor.execute(new Date(Date.now() - 3_600_000))).heads).toBe(0);
  });
});
