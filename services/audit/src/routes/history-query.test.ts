import { MAX_ENTRY_ID } from '../domain/audit-entry';
import { pageQuery, upTo } from './history-query';

/** The rule the cursor has always had: up to 19 digits, and an id PostgreSQL can hold. */
const isCursor = (s: string) => /^\d{1,19}$/.test(s) && BigInt(s) <= MAX_ENTRY_ID;

test('a cursor is any entry id there can be, and nothing else', () => {
  const max = MAX_ENTRY_ID.toString();
  const samples = [
    '0',
    '1',
    '0001',
    max,
    (MAX_ENTRY_ID - 1n).toString(),
    (MAX_ENTRY_ID + 1n).toString(),
    '9223372036854775799',
    '9223372036854775810',
    '9300000000000000000',
    '9999999999999999999',
    '999999999999999999',
    `0${max}`,
    '00000000000000000001',
    '99999999999999999999',
    '-1',
    '1e3',
    '12abc',
    ' 12',
    '',
  ];
  // Every 19-digit number that shares a prefix with the largest id, one digit either side.
  for (let i = 0; i < max.length; i++) {
    for (const d of '0123456789') samples.push(`${max.slice(0, i)}${d}${max.slice(i + 1)}`);
  }
  for (const cursor of samples) {
    const parsed = pageQuery.safeParse({ cursor });
    expect({ cursor, accepted: parsed.success }).toEqual({ cursor, accepted: isCursor(cursor) });
    if (parsed.success) expect(parsed.data.cursor).toBe(BigInt(cursor));
  }
});

test('the pattern of numbers up to a bound, for every small bound', () => {
  for (let max = 0n; max <= 1200n; max += 1n) {
    const pattern = upTo(max);
    for (let n = 0n; n <= max + 20n; n += 1n) {
      for (const s of [n.toString(), `0${n}`]) {
        const expected = s.length <= max.toString().length && BigInt(s) <= max;
        if (pattern.test(s) !== expected) throw new Error(`upTo(${max}) on "${s}": ${!expected}`);
      }
    }
  }
});

test('a page is 50 entries unless asked for 1 to 200; nothing else may be asked', () => {
  expect(pageQuery.parse({})).toEqual({ limit: 50 });
  expect(pageQuery.parse({ limit: '200', cursor: '7' })).toEqual({ limit: 200, cursor: 7n });
  for (const limit of ['0', '201', '1.5', 'ten']) expect(pageQuery.safeParse({ limit }).success).toBe(false);
  expect(pageQuery.safeParse({ page: '2' }).success).toBe(false);
});
