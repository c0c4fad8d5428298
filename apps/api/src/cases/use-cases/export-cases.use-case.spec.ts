import { describe, expect, it } from '@jest/globals';
import { ClientBusyError, ExpensiveListsBusyError } from '../expensive-list-limiter.js';
import type { ExportPiece } from '../domain/case-export.js';
import { ExportLimiter } from '../export/export-limiter.js';
import { ExportCasesUseCase } from './export-cases.use-case.js';
import { aQueryInput, inMemoryCases } from './in-memory.fixture.js';

const collect = async (batches: AsyncIterable<ExportPiece[]>) => {
  const pieces: ExportPiece[] = [];
  for await (const batch of batches) pieces.push(...batch);
  return pieces;
};

describe('ExportCasesUseCase', () => {
  const setUp = async (limiter = new ExportLimiter({ concurrency: 2, perClient: 1 })) => {
    const slice = inMemoryCases();
    const exporter = new ExportCasesUseCase(slice.cases, limiter);
    const run = (filter = {}, signal = new AbortController().signal) =>
      exporter.execute({ filter, clientKey: 'client', signal }, collect);
    return { slice, exporter, run, limiter };
  };

  it('exports every case the filter chooses, oldest first, with all its records', async () => {
    const { slice, run } = await setUp();
    const first = await slice.open({ title: 'first', queries: [aQueryInput('select 1')] });
    const many = await slice.open({ title: 'many', priority: 'low', queries: [] });
    // More records than a batch holds: the case comes in several pieces, in order.
    for (let i = 0; i < 12; i += 1) {
      await slice.appendQueries.execute(
        {
          caseId: many.id,
          queries: Array.from({ length: 100 }, (_, j) => aQueryInput(`select ${i * 100 + j}`)),
          actor: null,
        },
        null as never,
      );
    }
    const none = await slice.open({ title: 'none', queries: [] });

    const pieces = await run();
    expect([...new Set(pieces.map((p) => p.case.title))]).toEqual(['first', 'many', 'none']);
    const ofMany = pieces.filter((p) => p.case.id === many.id);
    expect(ofMany.map((p) => [p.after, p.upTo])).toEqual([
      [0, 499],
      [499, 999],
      [999, 1200],
    ]);
    const texts = ofMany.flatMap((p) => p.queries.map((q) => q.queryText));
    expect(texts).toEqual(Array.from({ length: 1200 }, (_, i) => `select ${i}`));
    expect(pieces.find((p) => p.case.id === none.id)).toMatchObject({
      after: 0,
      upTo: 0,
      queries: [],
    });
    expect(pieces.find((p) => p.case.id === first.id)!.queries).toHaveLength(1);

    expect((await run({ priority: 'low' })).every((p) => p.case.id === many.id)).toBe(true);
  });

  it('stops at the next read once the signal aborts', async () => {
    const { slice, exporter } = await setUp();
    for (let i = 0; i < 450; i += 1) await slice.open({ title: `case ${i}` });
    const controller = new AbortController();
    const seen: ExportPiece[] = [];
    const exported = exporter.execute(
      { filter: {}, clientKey: 'client', signal: controller.signal },
      async (batches) => {
        for await (const batch of batches) {
          seen.push(...batch);
          controller.abort(new Error('gone'));
        }
      },
    );
    await expect(exported).rejects.toThrow('gone');
    expect(seen).toHaveLength(200);
  });

  it('refuses at once an export beyond the concurrency, whoever asks', async () => {
    const { exporter } = await setUp(new ExportLimiter({ concurrency: 1, perClient: 1 }));
    const start = (clientKey: string, consume: () => Promise<void>) =>
      exporter.execute({ filter: {}, clientKey, signal: new AbortController().signal }, consume);
    let release!: () => void;
    const held = start('a', () => new Promise<void>((resolve) => (release = resolve)));
    const refused = start('b', async () => undefined);
    await expect(refused).rejects.toBeInstanceOf(ExpensiveListsBusyError);
    await expect(refused).rejects.toMatchObject({
      status: 503,
      message: expect.stringMatching(/export/),
    });
    release();
    await held;
  });

  it('lets a client run one export at a time', async () => {
    const { exporter, run } = await setUp();
    let release!: () => void;
    const held = exporter.execute(
      { filter: {}, clientKey: 'client', signal: new AbortController().signal },
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    await expect(run()).rejects.toBeInstanceOf(ClientBusyError);
    release();
    await held;
    await expect(run()).resolves.toEqual([]);
  });
});
