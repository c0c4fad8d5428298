import { describe, expect, it } from '@jest/globals';
import { keysetPages, recordBatches } from './case-export.js';
import type { ExportedCase } from './case-export.js';

const aCase = (id: string, queriesTotal: number) => ({ id, queriesTotal }) as ExportedCase;
const shape = (batches: ReturnType<typeof recordBatches>) =>
  batches.map((batch) => batch.map((s) => `${s.case.id}:${s.after}-${s.upTo}`));

describe('recordBatches', () => {
  it('fills batches up to the record budget, in order', () => {
    expect(shape(recordBatches([aCase('a', 2), aCase('b', 3), aCase('c', 1)], 4))).toEqual([
      ['a:0-2', 'b:0-2'],
      ['b:2-3', 'c:0-1'],
    ]);
  });

  it('cuts a case larger than a batch across several', () => {
    expect(shape(recordBatches([aCase('a', 9)], 4))).toEqual([['a:0-4'], ['a:4-8'], ['a:8-9']]);
  });

  it('keeps cases without records, taking no room', () => {
    expect(shape(recordBatches([aCase('a', 0), aCase('b', 4), aCase('c', 0)], 4))).toEqual([
      ['a:0-0', 'b:0-4'],
      ['c:0-0'],
    ]);
    expect(recordBatches([], 4)).toEqual([]);
  });
});

describe('keysetPages', () => {
  it('reads page after page from the last cursor until a short page', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ id: String(i), createdAt: new Date(i) }));
    const reads: Array<string | null> = [];
    const pages = keysetPages(
      async (after) => {
        reads.push(after?.id ?? null);
        const from = after ? Number(after.id) + 1 : 0;
        return items.slice(from, from + 2);
      },
      2,
      (last) => last,
    );
    const seen: string[][] = [];
    for await (const page of pages) seen.push(page.map((item) => item.id));
    expect(seen).toEqual([['0', '1'], ['2', '3'], ['4']]);
    expect(reads).toEqual([null, '1', '3']);
  });

  it('ends after an empty page without yielding it', async () => {
    const seen: unknown[] = [];
    for await (const page of keysetPages(
      async () => [],
      2,
      () => ({ id: '', createdAt: new Date() }),
    ))
      seen.push(page);
    expect(seen).toEqual([]);
  });
});
