import { randomUUID } from 'node:crypto';
import { Conflict, InvalidInput, NotFound } from '@daybook/service-kit';
import { dateFrom, instantFrom } from '@daybook/testing';
import { importEntriesInput, listEntriesQuery } from '../domain/entry-input';
import { toEntryView } from '../domain/entry-view';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h.close());

const query = (q: Record<string, string> = {}) => listEntriesQuery.parse(q);

test('an entry is saved with its local day in the zone given, and the created event carries no text', async () => {
  const userId = randomUUID();
  const writtenAt = instantFrom(-1, '23:30', 'UTC').toISO()!;
  const entry = await h.anEntry(userId, {
    body: 'Late **walk**.',
    mood: 4,
    tags: ['walk'],
    writtenAt,
    timeZone: 'Asia/Tokyo',
  });
  expect(entry).toMatchObject({ userId, mood: 4, tags: ['walk'], timeZone: 'Asia/Tokyo', version: 1 });
  expect(entry.writtenOn).toBe(dateFrom(0));
  const [event] = await h.events('daybook.journal.entry-created.v1');
  expect(event!.data).toEqual({ entry: expect.objectContaining({ id: entry.id, wordCount: 2, version: 1 }) });
  expect(JSON.stringify(event!.data)).not.toContain('Late');
});

test("without a zone, the user's zone from user events is used, else UTC", async () => {
  const userId = randomUUID();
  expect((await h.anEntry(userId)).timeZone).toBe('UTC');
  await h.inTransaction((tx) => h.rememberUserTimeZone(tx, userId, 'America/New_York'));
  expect((await h.anEntry(userId)).timeZone).toBe('America/New_York');
});

test('an entry cannot be written in the future', async () => {
  const writtenAt = instantFrom(2, '10:00', 'UTC').toISO()!;
  await expect(h.anEntry(randomUUID(), { writtenAt })).rejects.toEqual(
    expect.objectContaining({ constructor: InvalidInput, field: 'body.writtenAt' }),
  );
});

test('an edit at the version read bumps the version; a stale one is a Conflict with the server copy', async () => {
  const userId = randomUUID();
  const entry = await h.anEntry(userId);
  const edited = await h.editEntry(userId, entry.id, 1, { body: 'Rewritten.', mood: null, tags: ['rest'] });
  expect(edited).toMatchObject({ version: 2, body: 'Rewritten.', mood: null, tags: ['rest'] });
  const stale = await h.editEntry(userId, entry.id, 1, { mood: 2 }).catch((e: unknown) => e);
  expect(stale).toBeInstanceOf(Conflict);
  expect((stale as Conflict).current).toMatchObject({ id: entry.id, version: 2, body: 'Rewritten.' });
  const [updated] = await h.events('daybook.journal.entry-updated.v1');
  expect(updated!.data).toMatchObject({ before: { version: 1 }, entry: { version: 2, tags: ['rest'] } });
});

test('another user’s entry is not found, for every operation', async () => {
  const owner = randomUUID();
  const stranger = randomUUID();
  const entry = await h.anEntry(owner);
  await expect(h.getEntry(stranger, entry.id)).rejects.toBeInstanceOf(NotFound);
  await expect(h.editEntry(stranger, entry.id, 1, { mood: 1 })).rejects.toBeInstanceOf(NotFound);
  await expect(h.deleteEntry(stranger, entry.id)).rejects.toBeInstanceOf(NotFound);
  await expect(h.restoreEntry(stranger, entry.id)).rejects.toBeInstanceOf(NotFound);
  expect((await h.listEntries(stranger, query())).items).toEqual([]);
  expect((await h.viewCalendar(stranger, {})).days).toEqual([]);
});

test('a deleted entry leaves lists and the calendar, cannot be edited, and comes back when restored', async () => {
  const userId = randomUUID();
  const entry = await h.anEntry(userId);
  const deleted = await h.deleteEntry(userId, entry.id, 1);
  expect(deleted.deletedAt).not.toBeNull();
  expect((await h.listEntries(userId, query())).items).toEqual([]);
  expect((await h.listEntries(userId, query({ deleted: 'true' }))).items.map((e) => e.id)).toEqual([entry.id]);
  expect((await h.viewCalendar(userId, {})).days).toEqual([]);
  await expect(h.editEntry(userId, entry.id, 2, { mood: 1 })).rejects.toBeInstanceOf(NotFound);
  const restored = await h.restoreEntry(userId, entry.id);
  expect(restored).toMatchObject({ deletedAt: null, version: 3 });
  await expect(h.restoreEntry(userId, entry.id)).rejects.toBeInstanceOf(Conflict);
  expect(
    (await h.events()).filter((e) => (e.data.entry as { id?: string })?.id === entry.id).map((e) => e.type),
  ).toEqual([
    'daybook.journal.entry-created.v1',
    'daybook.journal.entry-deleted.v1',
    'daybook.journal.entry-restored.v1',
  ]);
});

test('listing pages newest first with a cursor, searches the text and filters by tag', async () => {
  const userId = randomUUID();
  const written = [];
  for (let day = -5; day <= -1; day++) {
    written.push(
      await h.anEntry(userId, {
        body: day === -3 ? 'Swimming in the lake, the water was cold.' : `Ordinary day ${day}.`,
        tags: day === -2 ? ['holiday'] : [],
        writtenAt: instantFrom(day, '20:00', 'UTC').toISO()!,
        timeZone: 'UTC',
      }),
    );
  }
  const first = await h.listEntries(userId, query({ limit: '2' }));
  expect(first.items.map((e) => e.id)).toEqual([written[4]!.id, written[3]!.id]);
  const second = await h.listEntries(userId, query({ limit: '2', cursor: first.nextCursor! }));
  const third = await h.listEntries(userId, query({ limit: '2', cursor: second.nextCursor! }));
  expect([...second.items, ...third.items].map((e) => e.id)).toEqual([written[2]!.id, written[1]!.id, written[0]!.id]);
  expect(third.nextCursor).toBeNull();
  expect((await h.listEntries(userId, query({ q: 'swim lake' }))).items.map((e) => e.id)).toEqual([written[2]!.id]);
  expect((await h.listEntries(userId, query({ tag: 'holiday' }))).items.map((e) => e.id)).toEqual([written[3]!.id]);
});

test('the calendar has each day written with its average mood, and the current and longest streaks', async () => {
  const userId = randomUUID();
  // Today's entry is written now: noon may still be ahead.
  const on = (day: number, mood: number) =>
    h.anEntry(userId, {
      mood,
      ...(day === 0 ? {} : { writtenAt: instantFrom(day, '12:00', 'UTC').toISO()! }),
      timeZone: 'UTC',
    });
  for (const day of [-9, -8, -7, -6]) await on(day, 3);
  await on(-1, 2);
  await on(-1, 4);
  await on(0, 5);
  const calendar = await h.viewCalendar(userId, { timeZone: 'UTC' });
  expect(calendar).toMatchObject({ currentStreak: 2, longestStreak: 4, timeZone: 'UTC' });
  expect(calendar.days.find((d) => d.date === dateFrom(-1))).toEqual({
    date: dateFrom(-1),
    entries: 2,
    mood: 3,
  });
});

test("the export holds the person's entries, oldest first, without deleted ones or anyone else's", async () => {
  const userId = randomUUID();
  const older = await h.anEntry(userId, { body: 'First.', writtenAt: instantFrom(-2, '08:00', 'UTC').toISO()! });
  const newer = await h.anEntry(userId, { body: 'Second.', writtenAt: instantFrom(-1, '08:00', 'UTC').toISO()! });
  const gone = await h.anEntry(userId, { body: 'Gone.' });
  await h.deleteEntry(userId, gone.id, 1);
  await h.anEntry(randomUUID(), { body: 'Not theirs.' });
  expect((await h.exportJournal(userId)).map((e) => [e.id, e.body])).toEqual([
    [older.id, 'First.'],
    [newer.id, 'Second.'],
  ]);
});

test('an export imported into another account gives the same entries, each with its created event', async () => {
  const ada = randomUUID();
  await h.anEntry(ada, {
    body: 'Walked.',
    mood: 4,
    tags: ['walk'],
    writtenAt: instantFrom(-3, '07:00', 'UTC').toISO()!,
    timeZone: 'Europe/Paris',
  });
  await h.anEntry(ada, { body: 'Rested.', writtenAt: instantFrom(-1, '21:00', 'UTC').toISO()! });
  const exported = (await h.exportJournal(ada)).map(toEntryView);
  const bo = randomUUID();
  const input = importEntriesInput.parse(JSON.parse(JSON.stringify({ entries: exported })));
  expect(await h.importEntries(bo, input)).toBe(2);
  const same = (e: Record<string, unknown>) => ({
    body: e.body,
    mood: e.mood,
    tags: e.tags,
    writtenAt: e.writtenAt,
    writtenOn: e.writtenOn,
    timeZone: e.timeZone,
  });
  expect((await h.exportJournal(bo)).map(toEntryView).map(same)).toEqual(exported.map(same));
});

test('an import with a wrong entry is refused whole, naming it', () => {
  const read = importEntriesInput.safeParse({ entries: [{ body: 'Fine.' }, { body: 'Bad mood.', mood: 9 }] });
  expect(read.success).toBe(false);
  expect(read.error!.issues.map((i) => i.path.join('.'))).toEqual(['entries.1.mood']);
});
