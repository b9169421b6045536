import { createEntryInput, listEntriesQuery, updateEntryInput } from './entry-input';

const problems = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('.')) ?? [];

test('tags are trimmed, lower-cased and deduplicated', () => {
  expect(createEntryInput.parse({ body: 'x', tags: [' Walk', 'walk', 'Rest'] }).tags).toEqual(['walk', 'rest']);
});

test('each bad field is named', () => {
  expect(problems(createEntryInput.safeParse({ body: 'x'.repeat(20_001) }))).toEqual(['body']);
  expect(problems(createEntryInput.safeParse({ body: '   ' }))).toEqual(['body']);
  expect(problems(createEntryInput.safeParse({ body: 'x', mood: 6 }))).toEqual(['mood']);
  expect(problems(createEntryInput.safeParse({ body: 'x', mood: 2.5 }))).toEqual(['mood']);
  expect(problems(createEntryInput.safeParse({ body: 'x', tags: ['a,b'] }))).toEqual(['tags.0']);
  expect(
    problems(createEntryInput.safeParse({ body: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })),
  ).toEqual(['tags']);
  expect(problems(createEntryInput.safeParse({ body: 'x', writtenAt: 'yesterday' }))).toEqual(['writtenAt']);
  expect(problems(createEntryInput.safeParse({ body: 'x', timeZone: 'Mars/Olympus' }))).toEqual(['timeZone']);
  expect(problems(createEntryInput.safeParse({ body: 'x', extra: 1 }))).toEqual(['']);
  expect(problems(updateEntryInput.safeParse({}))).toEqual(['']);
  expect(problems(listEntriesQuery.safeParse({ cursor: 'garbage' }))).toEqual(['cursor']);
  expect(problems(listEntriesQuery.safeParse({ from: '2024-13-01' }))).toEqual(['from']);
});
