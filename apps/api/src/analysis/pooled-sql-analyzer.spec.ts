import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryAnalyzer } from './domain/query-analyzer.js';
import { INLINE_ANALYSIS_MAX_CHARS, PooledSqlAnalyzer } from './pooled-sql-analyzer.js';

const longText = `SELECT * FROM billing.invoices WHERE id IN (${Array.from({ length: 2_000 }, (_, i) => i).join(', ')})`;

describe('PooledSqlAnalyzer', () => {
  let pooled: PooledSqlAnalyzer;
  const failures: Error[] = [];
  beforeAll(async () => {
    pooled = await PooledSqlAnalyzer.start((error) => failures.push(error));
  });
  afterAll(async () => {
    await pooled.close();
  });

  it('answers a long text from its worker exactly as the analyzer does inline', async () => {
    expect(longText.length).toBeGreaterThan(INLINE_ANALYSIS_MAX_CHARS);
    const inline = (await QueryAnalyzer.load()).analyze(longText, 'public');
    const [a, b] = await Promise.all([
      pooled.analyze(longText, 'public'),
      pooled.analyze(`${longText} -- again`, 'public'),
    ]);
    expect(a).toEqual(inline);
    expect(b!.fingerprint).toBe(inline.fingerprint);
    expect(failures).toEqual([]);
  });

  it('answers null for texts in flight when its worker goes away, and starts a new one after', async () => {
    const inFlight = pooled.analyze(longText, 'public');
    await pooled.close();
    expect(await inFlight).toBeNull();
    expect((await pooled.analyze(longText, 'public'))!.tables).toEqual(['billing.invoices']);
  });
});
