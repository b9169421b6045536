import { statementNamer } from './prisma';

test('each distinct statement gets one stable name, and none past the cap', () => {
  const name = statementNamer(2);
  const a = name({ sql: 'SELECT 1' });
  expect(a).toMatch(/^p[0-9a-f]{40}$/);
  expect(name({ sql: 'SELECT 1' })).toBe(a);
  const b = name({ sql: 'SELECT 2' });
  expect(b).not.toBe(a);
  // Past the cap: unnamed (parsed each time), so a connection's prepared statements stay bounded.
  expect(name({ sql: 'SELECT 3' })).toBe('');
  expect(name({ sql: 'SELECT 2' })).toBe(b);
});
