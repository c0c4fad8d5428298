import { describe, expect, it } from '@jest/globals';
import { inMemoryCases } from '../use-cases/in-memory.fixture.js';
import { isReplayProblem, replayCase } from './case-replay.js';

describe('replayCase', () => {
  it('rebuilds the case row from its events', async () => {
    const slice = inMemoryCases();
    const c = await slice.open({
      queries: [{ databaseName: 'd', schemaName: 's', queryText: 'q' }],
    });
    await slice.changeStatus.execute({
      caseId: c.id,
      to: 'closed',
      changedBy: 'a@b.co',
      note: null,
    });
    const { row, events } = slice.cases.stored.get(c.id)!;
    expect(replayCase(events)).toEqual({ ...row, queriesCount: 1 });
  });

  it('names the event that breaks the lifecycle', async () => {
    const slice = inMemoryCases();
    const c = await slice.open();
    await slice.changeStatus.execute({
      caseId: c.id,
      to: 'closed',
      changedBy: 'a@b.co',
      note: null,
    });
    const { events } = slice.cases.stored.get(c.id)!;
    events[1].payload = { from: 'closed', to: 'open', note: null };
    const replayed = replayCase(events);
    expect(isReplayProblem(replayed) && replayed).toEqual({
      eventId: events[1].id,
      reason: 'status_changed closed → open does not follow open',
    });
  });

  it('needs case_created first', () => {
    expect(replayCase([])).toEqual({ eventId: '', reason: 'the first event is not case_created' });
  });
});
