import { describe, expect, it } from '@jest/globals';
import { needsFullScan } from './case-list.js';

describe('needsFullScan', () => {
  it('is false without a search: such lists are answered from indexes', () => {
    expect(needsFullScan({})).toBe(false);
  });

  it.each(['e', 'ab', '%', '_', '\\', '%%%', '...', 'a b', ' e ', 'ab-cd', 'é', 'été', '1 2 3'])(
    'is true for %j: no three letters or digits in a row, so no trigram to narrow it',
    (search) => {
      expect(needsFullScan({ search })).toBe(true);
    },
  );

  it.each(['abc', 'ABC', '100', '100%', 'a_bcd', 'x invoice', 'été 2024', 'Needle in the'])(
    'is false for %j: the trigram index narrows it',
    (search) => {
      expect(needsFullScan({ search })).toBe(false);
    },
  );
});
