import { randomUUID } from 'node:crypto';
import { encodeCursor, isPostgresTimestamp, listQuery } from './list-query';

const id = randomUUID();
/** A cursor as a client could forge one: any JSON, base64 encoded. */
const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const cursorProblems = (query: Record<string, string>) => {
  const result = listQuery.safeParse(query);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('the cursor is decoded and checked as input', () => {
  test('cursors the database wrote pass, for every sort', () => {
    const valid: [string, string | number][] = [
      ['created', '2025-11-29 10:15:30.123+00'],
      ['updated', '2025-11-29 10:15:30.123456-03:30'],
      ['due', 'infinity'],
      ['due', '-infinity'],
      ['priority', 4],
      ['title', 'water the ferns'],
      ['relevance', 0.0607927],
      ['position', 'a0V'],
    ];
    for (const [sort, k] of valid) {
      const query = { sort, ...(sort === 'relevance' ? { q: 'ferns' } : {}), cursor: encodeCursor({ k, id }) };
      expect({ sort, k, problems: cursorProblems(query) }).toEqual({ sort, k, problems: [] });
    }
    expect(listQuery.parse({ cursor: encodeCursor({ k: 'infinity', id }), sort: 'due' }).cursor).toEqual({
      k: 'infinity',
      id,
    });
  });

  test('a well-formed cursor whose key does not fit the sort is refused, not sent to the database', () => {
    const refused: [Record<string, string>, unknown][] = [
      [{}, 'abc'], // the default sort (created) keys on a timestamp
      [{ sort: 'priority' }, 'abc'],
      [{ sort: 'priority' }, 2.5],
      [{ sort: 'priority' }, 99],
      [{ sort: 'due' }, 1700000000],
      [{ sort: 'due' }, '2026-02-30 00:00:00+00'],
      [{ sort: 'updated' }, '2025-11-29 25:00:00+00'],
      [{ sort: 'created' }, '0000-01-01 00:00:00+00'],
      [{ sort: 'title' }, 'nul\u0000byte'],
      [{ sort: 'title' }, 7],
      [{ sort: 'relevance', q: 'x' }, 'high'],
      [{ sort: 'relevance', q: 'x' }, 1e300], // beyond a real
      [{ sort: 'relevance', q: 'x' }, 1e-50], // below a real
    ];
    for (const [query, k] of refused) {
      expect({ query, k, problems: cursorProblems({ ...query, cursor: forged({ k, id }) }) }).toEqual({
        query,
        k,
        problems: ['cursor'],
      });
    }
  });

  test('anything that is not a cursor is refused', () => {
    for (const cursor of [
      'nonsense',
      forged({ k: 'x' }),
      forged({ k: 'x', id: '-'.repeat(36) }),
      forged({ k: 'x', id, extra: 1 }),
      forged({ k: null, id }),
      forged([1, 2]),
      'x'.repeat(501),
    ]) {
      expect({ cursor, problems: cursorProblems({ sort: 'title', cursor }) }).toEqual({ cursor, problems: ['cursor'] });
    }
  });
});

test('timestamps as PostgreSQL writes them', () => {
  expect(isPostgresTimestamp('2024-02-29 00:00:00+00')).toBe(true);
  expect(isPostgresTimestamp('2025-02-29 00:00:00+00')).toBe(false);
  expect(isPostgresTimestamp('0001-12-31 23:59:59.5+00:53:28 BC')).toBe(true);
  // allow-fixed-date: 9999 BC, before PostgreSQL's range
  expect(isPostgresTimestamp('9999-01-01 00:00:00+00 BC')).toBe(false);
  expect(isPostgresTimestamp('2025-11-29 10:00:00+16')).toBe(false);
  expect(isPostgresTimestamp('2025-11-29T10:00:00Z')).toBe(false);
});
