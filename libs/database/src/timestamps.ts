// PostgreSQL's text output of timestamptz with DateStyle ISO: `2025-10-01 10:00:00.123+00`,
// offsets possibly with minutes and seconds, ` BC` for years before 1.
const TIMESTAMPTZ =
  /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?( BC)?$/;

/**
 * Reads a timestamptz exactly, whatever its year. postgres.js hands the text to
 * `new Date()`, which reads years below 100 as 19xx and yields an invalid Date for some
 * years before 1, so a single stored value could make every later read of its row fail.
 */
export function parseTimestamptz(text: string): Date {
  const m = TIMESTAMPTZ.exec(text);
  if (!m) return new Date(text); // infinity, -infinity: left to the driver's default
  const [, y, mo, d, h, mi, s, frac = '', sign, oh, om = '0', os = '0', bc] = m;
  const year = bc ? 1 - Number(y) : Number(y);
  const ms = Math.floor(Number(frac.padEnd(3, '0').slice(0, 3)));
  const date = new Date(0);
  date.setUTCFullYear(year, Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), ms);
  const offsetSeconds =
    (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os));
  return new Date(date.getTime() - offsetSeconds * 1000);
}
