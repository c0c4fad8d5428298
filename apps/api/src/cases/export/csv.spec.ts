import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseCsv } from '../../../../../test/setup/csv-reader.js';
import { csvField, csvRecord, neutralizeFormula } from './csv.js';

describe('CSV encoding', () => {
  it('quotes fields holding a comma, a quote, CR or LF, and doubles quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
  });

  it('ends each record with CRLF', () => {
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });

  it.each([
    ['=cmd|" /C calc"!A0', `"'=cmd|"" /C calc""!A0"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
  ])('neutralises a cell starting a formula: %j', (cell, written) => {
    expect(csvRecord([cell])).toBe(`${written}\r\n`);
  });

  it('leaves cells alone that cannot start a formula', () => {
    for (const cell of ['1500', '2025-10-01T00:00:00.000Z', 'a=b', "'quoted", ' =x', 'ana@x']) {
      expect(neutralizeFormula(cell)).toBe(cell);
    }
  });

  it('round-trips any cells through an RFC 4180 reader, modulo the neutralising quote', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({
        unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', '"', "'", 'a'),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 5 }),
        (rows) => {
          const text = rows.map(csvRecord).join('');
          const expected = rows.map((row) =>
            row.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)),
          );
          expect(parseCsv(text)).toEqual(expected);
        },
      ),
    );
  });
});
