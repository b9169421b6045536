import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { asUser, dateFrom, dateTimeFrom, startStack, type ServiceUnderTest, type Stack } from '@daybook/testing';

// Export and import of a person's tasks, lists and tags, through the real service.
let stack: Stack;
let tasks: ServiceUnderTest;

beforeAll(async () => {
  stack = await startStack({ name: 'tasks-data', services: ['tasks'] });
  tasks = stack.services.tasks!;
});

afterAll(async () => {
  await stack?.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function person() {
  const id = randomUUID();
  const http = asUser(stack.token(id));
  const call = <T = Json>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    http<T>(tasks.baseUrl, method, path, body, headers);
  return {
    id,
    call,
    create: async (input: Record<string, unknown>) => {
      const r = await call('POST', '/api/tasks', input);
      expect(r.status).toBe(201);
      return r.body;
    },
    exported: async () => {
      const r = await call('GET', '/api/tasks/export');
      expect(r.status).toBe(200);
      return r.body;
    },
  };
}

/** What must survive a round trip: everything but ids, versions and the times of writing. */
const comparable = (data: Json) => ({
  lists: data.lists.map((l: Json) => l.name).sort(),
  // Each list's order (the Inbox's too), by title.
  order: Object.fromEntries(
    [null, ...data.lists.map((l: Json) => l.id)].map((listId) => [
      data.lists.find((l: Json) => l.id === listId)?.name ?? '(inbox)',
      data.tasks
        .filter((t: Json) => t.listId === listId)
        .sort((a: Json, b: Json) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
        .map((t: Json) => t.title),
    ]),
  ),
  tags: data.tags.map((t: Json) => ({ name: t.name, color: t.color })),
  tasks: data.tasks
    .map((t: Json) => ({
      title: t.title,
      notes: t.notes,
      status: t.status,
      priority: t.priority,
      list: data.lists.find((l: Json) => l.id === t.listId)?.name ?? null,
      tags: t.tags.map((tag: Json) => tag.name),
      due: t.due,
      dueAt: t.dueAt,
      reminders: t.reminders.map(({ id: _id, ...timing }: Json) => timing),
      recurrence: t.recurrence,
      completedAt: t.completedAt,
      parent: data.tasks.find((p: Json) => p.id === t.parentId)?.title ?? null,
    }))
    .sort((a: Json, b: Json) => a.title.localeCompare(b.title)),
});

/** The fixture with its dates made from today's, as a Todoist export of this week would have them. */
const todoistFixture = () =>
  readFileSync(join(__dirname, 'fixtures', 'todoist-trip.csv'), 'utf8')
    .replace('{{IN_3_DAYS}}', dateFrom(3))
    .replace('{{IN_10_DAYS}}', dateFrom(10));

describe('export', () => {
  test('JSON of tasks, lists, tags and series; CSV of tasks', async () => {
    const ada = person();
    const list = (await ada.call('POST', '/api/tasks/lists', { name: 'Home' })).body;
    const tag = (await ada.call('POST', '/api/tasks/tags', { name: 'chores', color: '#22c55e' })).body;
    await ada.create({
      title: 'Water the plants, "all" of them',
      listId: list.id,
      tagIds: [tag.id],
      due: { dateTime: dateTimeFrom(2, '08:00'), timeZone: 'UTC' },
      recurrence: { rrule: 'FREQ=WEEKLY', mode: 'fixed-schedule' },
    });
    const data = await ada.exported();
    expect(data.lists).toEqual([expect.objectContaining({ id: list.id, name: 'Home' })]);
    expect(data.tags).toEqual([expect.objectContaining({ name: 'chores', color: '#22c55e' })]);
    expect(data.tasks).toHaveLength(1);
    expect(data.series).toEqual([
      expect.objectContaining({ recurrenceRule: 'FREQ=WEEKLY', title: data.tasks[0].title }),
    ]);

    const csv = await fetch(`${tasks.baseUrl}/api/tasks/export?format=csv`, {
      headers: { authorization: `Bearer ${stack.token(ada.id)}` },
    });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('daybook-tasks.csv');
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      expect.objectContaining({
        title: 'Water the plants, "all" of them',
        list: 'Home',
        tags: 'chores',
        due_date: dateFrom(2),
        due_time: '08:00',
        recurrence: 'FREQ=WEEKLY',
      }),
    ]);
    expect((await ada.call('GET', '/api/tasks/export?format=xml')).status).toBe(400);
  });
});

describe('import', () => {
  test('our JSON export imported into a new account gives the same data', async () => {
    const ada = person();
    const list = (await ada.call('POST', '/api/tasks/lists', { name: 'Work' })).body;
    const tag = (await ada.call('POST', '/api/tasks/tags', { name: 'deep', color: '#3b82f6' })).body;
    await ada.call('POST', '/api/tasks/tags', { name: 'unused', color: null });
    await ada.call('POST', '/api/tasks/lists', { name: 'Empty list' });
    await ada.create({
      title: 'Write the report',
      notes: 'Sections 1–3',
      priority: 'high',
      listId: list.id,
      tagIds: [tag.id],
      due: { dateTime: dateTimeFrom(4, '14:00', 'Europe/Paris'), timeZone: 'Europe/Paris' },
      reminders: [{ type: 'relative', minutesBefore: 30 }],
    });
    await ada.create({
      title: 'Stand-up',
      due: { date: dateFrom(1), timeZone: 'UTC' },
      recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
    });
    const done = await ada.create({ title: 'Old thing' });
    expect((await ada.call('POST', `/api/tasks/${done.id}/complete`, undefined, { 'if-match': '"1"' })).status).toBe(
      200,
    );
    // Subtasks three levels deep, and a list in an order of the person's own.
    const trip = (await ada.call('POST', '/api/tasks/lists', { name: 'Trip' })).body;
    const pack = await ada.create({ title: 'Pack', listId: trip.id });
    const clothes = await ada.create({ title: 'Clothes', parentId: pack.id });
    await ada.create({ title: 'Socks', parentId: clothes.id, priority: 'low' });
    await ada.create({ title: 'Books', parentId: pack.id });
    const tickets = await ada.create({ title: 'Tickets', listId: trip.id });
    expect((await ada.call('POST', `/api/tasks/${tickets.id}/move`, { before: pack.id })).status).toBe(200);
    const original = await ada.exported();
    expect(comparable(original).order.Trip).toEqual(['Tickets', 'Pack', 'Clothes', 'Socks', 'Books']);

    const bo = person();
    const preview = await bo.call('POST', '/api/tasks/import', { format: 'daybook', data: original, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, lists: 3, tags: 2, tasks: 8 });
    expect((await bo.exported()).tasks).toEqual([]);

    const imported = await bo.call('POST', '/api/tasks/import', { format: 'daybook', data: original });
    expect(imported.status).toBe(201);
    const copy = await bo.exported();
    expect(comparable(copy)).toEqual(comparable(original));
    // Imported again into an account that has the list: after its tasks, in the same order.
    const cy = person();
    const cyTrip = (await cy.call('POST', '/api/tasks/lists', { name: 'trip' })).body;
    await cy.create({ title: 'Already there', listId: cyTrip.id });
    expect((await cy.call('POST', '/api/tasks/import', { format: 'daybook', data: original })).status).toBe(201);
    expect(comparable(await cy.exported()).order.trip).toEqual([
      'Already there',
      'Tickets',
      'Pack',
      'Clothes',
      'Socks',
      'Books',
    ]);
    expect(copy.series).toHaveLength(1);
    expect(copy.tasks.every((t: Json) => t.userId === bo.id)).toBe(true);
  });

  test('a Todoist CSV export: tasks, labels as tags, priorities inverted, notes, one list', async () => {
    const cy = person();
    const r = await cy.call('POST', '/api/tasks/import', {
      format: 'todoist-csv',
      csv: todoistFixture(),
      listName: 'Trip',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ tasks: 4, lists: 1, tags: 2 });
    expect(r.body.warnings).toEqual([{ field: 'row 6.DATE', message: expect.stringContaining('every friday') }]);
    const data = await cy.exported();
    const byTitle = Object.fromEntries(data.tasks.map((t: Json) => [t.title, t]));
    expect(Object.keys(byTitle).sort()).toEqual(
      ['Book flights', 'Pack the bags', 'Renew passport', 'Write the "thank you" cards'].sort(),
    );
    expect(byTitle['Book flights']).toMatchObject({
      priority: 'urgent',
      notes: 'Compare prices first, then book\n\nCheck the baggage allowance',
      due: { date: dateFrom(3) },
      tags: [expect.objectContaining({ name: 'family' }), expect.objectContaining({ name: 'travel' })],
    });
    expect(byTitle['Renew passport']).toMatchObject({
      priority: 'high',
      due: { dateTime: `${dateFrom(10)}T09:30`, timeZone: 'Europe/Berlin' },
    });
    expect(byTitle['Pack the bags']).toMatchObject({
      priority: 'none',
      due: null,
      notes: 'Due in Todoist: every friday',
      // INDENT 2 under the task at INDENT 1 above it.
      parentId: byTitle['Renew passport'].id,
    });
    expect(byTitle['Renew passport']).not.toHaveProperty('parentId');
    expect(byTitle['Write the "thank you" cards'].priority).toBe('medium');
    expect(data.lists.map((l: Json) => l.name)).toEqual(['Trip']);
    expect(new Set(data.tasks.map((t: Json) => t.listId))).toEqual(new Set([data.lists[0].id]));
  });

  test('a half-valid file writes nothing and names every wrong row', async () => {
    const di = person();
    const csv = [
      'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE',
      `task,Fine one,,1,1,,,${dateFrom(2)},en,UTC`,
      'task,,,1,1,,,,en,UTC',
      'task,Bad priority,,7,1,,,,en,UTC',
      `task,Bad zone,,1,1,,,${dateFrom(2)} 10:00,en,Mars/Olympus`,
      'widget,What is this,,1,1,,,,en,UTC',
    ].join('\n');
    const r = await di.call('POST', '/api/tasks/import', { format: 'todoist-csv', csv });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems.map((p: Json) => p.field)).toEqual([
      'row 3.CONTENT',
      'row 4.PRIORITY',
      'row 5.TIMEZONE',
      'row 6.TYPE',
    ]);
    expect((await di.exported()).tasks).toEqual([]);

    const ours = {
      lists: [],
      tags: [],
      tasks: [
        { title: 'ok' },
        { title: '', due: { date: 'soon' } },
        { title: 'x', reminders: [{ type: 'relative', minutesBefore: -1 }] },
      ],
    };
    const bad = await di.call('POST', '/api/tasks/import', { format: 'daybook', data: ours });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems.map((p: Json) => p.field)).toEqual([
      'body.data.tasks.1.title',
      'body.data.tasks.1.due.date',
      'body.data.tasks.2.reminders.0.minutesBefore',
    ]);
    expect((await di.exported()).tasks).toEqual([]);
  });

  test('bad input: too big, not CSV, not Todoist, unknown format', async () => {
    const ed = person();
    const huge = 'TYPE,CONTENT,PRIORITY\n' + 'task,A task with a long title to fill the file,1\n'.repeat(8000);
    expect((await ed.call('POST', '/api/tasks/import', { format: 'todoist-csv', csv: huge })).status).toBe(413);
    const notCsv = await ed.call('POST', '/api/tasks/import', { format: 'todoist-csv', csv: 'a,"b\n1,2' });
    expect(notCsv.status).toBe(400);
    expect(notCsv.body.error.details.problems[0].field).toBe('body.csv');
    const notTodoist = await ed.call('POST', '/api/tasks/import', { format: 'todoist-csv', csv: 'name,when\nx,y' });
    expect(notTodoist.body.error.details.problems[0]).toEqual({
      field: 'body.csv',
      message: 'not a Todoist export: missing column(s) TYPE, CONTENT, PRIORITY',
    });
    expect((await ed.call('POST', '/api/tasks/import', { format: 'ics' })).status).toBe(400);
    expect((await ed.call('POST', '/api/tasks/import', { format: 'daybook', data: { tasks: 3 } })).status).toBe(400);
    expect((await ed.exported()).tasks).toEqual([]);
  });
});
