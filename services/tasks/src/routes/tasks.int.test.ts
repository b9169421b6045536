import { randomUUID } from 'node:crypto';
import { taskSnapshot, taskUpdated, type TaskSnapshot } from '@daybook/contracts';
import {
  dateFrom,
  asUser,
  kafkaTap,
  startStack,
  type KafkaTap,
  type Reply,
  type ServiceUnderTest,
  type Stack,
} from '@daybook/testing';

// The tasks API through the real service beside its real daprd; events read off Kafka.
let stack: Stack;
let tasks: ServiceUnderTest;
let tap: KafkaTap;

beforeAll(async () => {
  stack = await startStack({ name: 'tasks-api', services: ['tasks'] });
  tasks = stack.services.tasks!;
  tap = await kafkaTap(['task-events']);
});

afterAll(async () => {
  await tap?.stop();
  await stack?.stop();
});

/** Response bodies are read loosely in assertions: the checks themselves are exact. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A signed-in person talking to the tasks API. */
function person() {
  const id = randomUUID();
  const http = asUser(stack.token(id));
  const call = <T = Json>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    http<T>(tasks.baseUrl, method, path, body, headers);
  return {
    id,
    call,
    create: async (input: Record<string, unknown>) => {
      const r = await call<TaskSnapshot>('POST', '/api/tasks', input);
      expect(r.status).toBe(201);
      return r.body;
    },
  };
}

const eventsFor = async (taskId: string, count: number) => {
  await tap.waitFor(
    `${count} events for ${taskId}`,
    () => tap.messages.filter((m) => m.key === taskId).length >= count,
  );
  return tap.messages
    .filter((m) => m.key === taskId)
    .map((m) => m.json as { type: string; data: { before?: TaskSnapshot; task: TaskSnapshot } });
};

describe('creating and reading', () => {
  test('a task with every field round-trips, and its created event carries it', async () => {
    const ada = person();
    const tag = (await ada.call('POST', '/api/tasks/tags', { name: 'home', color: '#3b82f6' })).body;
    const list = (await ada.call('POST', '/api/tasks/lists', { name: 'Chores' })).body;
    const created = await ada.create({
      title: 'Water the plants',
      notes: '**all** of them',
      priority: 'high',
      tagIds: [tag.id],
      listId: list.id,
      due: { dateTime: '2026-07-01T09:00', timeZone: 'Europe/London' },
      reminders: [
        { type: 'relative', minutesBefore: 15 },
        { type: 'absolute', at: '2026-07-01T07:00:00Z' },
      ],
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=WE', mode: 'after-completion' },
    });
    // The answer is the event's snapshot and the progress of its subtasks.
    const { subtasks, ...snapshot } = created as TaskSnapshot & { subtasks: unknown };
    expect(subtasks).toEqual({ total: 0, done: 0 });
    expect(taskSnapshot.parse(snapshot)).toMatchObject({
      userId: ada.id,
      status: 'open',
      tags: [{ id: tag.id, name: 'home', color: '#3b82f6' }],
      listId: list.id,
      dueAt: '2026-07-01T08:00:00.000Z',
      reminders: [
        expect.objectContaining({ type: 'relative', minutesBefore: 15 }),
        expect.objectContaining({ type: 'absolute' }),
      ],
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=WE', mode: 'after-completion' },
      version: 1,
    });
    const read = await ada.call('GET', `/api/tasks/${created.id}`);
    expect(read).toMatchObject({ status: 200, etag: '"1"', body: created });
    const [event] = await eventsFor(created.id, 1);
    expect(event).toMatchObject({ type: 'daybook.task.created.v1', data: { task: snapshot } });
  });

  test('bad input is a 400 naming each field, and writes nothing', async () => {
    const bob = person();
    const cases: [unknown, string][] = [
      [{ title: '' }, 'body.title'],
      [{ title: 'x', extra: 1 }, 'body.extra'],
      [{ title: 'x', due: { dateTime: '2026-11-23T09:00', timeZone: 'Nowhere/Land' } }, 'body.due.timeZone'],
      [{ title: 'x', due: { date: '2025-13-01' } }, 'body.due.date'], // no 13th month
      [
        { title: 'x', due: { date: '2026-11-23' }, recurrence: { rrule: 'FREQ=NEVER', mode: 'after-completion' } },
        'body.recurrence.rrule',
      ],
      [{ title: 'x', reminders: [{ type: 'relative', minutesBefore: 5 }] }, 'body.reminders.0'],
      [{ title: 'x', tagIds: [randomUUID()] }, 'body.tagIds.0'],
      [{ title: 'x', listId: randomUUID() }, 'body.listId'],
    ];
    for (const [input, field] of cases) {
      const r = await bob.call('POST', '/api/tasks', input);
      expect({
        input,
        status: r.status,
        fields: r.body.error.details.problems.map((p: { field: string }) => p.field),
      }).toEqual({
        input,
        status: 400,
        fields: expect.arrayContaining([field]),
      });
    }
    expect((await bob.call('POST', '/api/tasks', '{"title":')).status).toBe(400);
    expect((await bob.call('POST', '/api/tasks', { title: 'x', notes: 'y'.repeat(300_000) })).status).toBe(413);
    expect((await bob.call('GET', '/api/tasks')).body.items).toEqual([]);
  });
});

describe('changing a task', () => {
  test('update, complete, reopen, delete and restore each emit exactly one event with before and after', async () => {
    const ada = person();
    const t = await ada.create({ title: 'Write report' });
    const updated = await ada.call(
      'PATCH',
      `/api/tasks/${t.id}`,
      { title: 'Write the report', priority: 'urgent' },
      { 'if-match': '"1"' },
    );
    expect(updated).toMatchObject({
      status: 200,
      etag: '"2"',
      body: { title: 'Write the report', priority: 'urgent', version: 2 },
    });
    const done = await ada.call('POST', `/api/tasks/${t.id}/complete`, undefined, { 'if-match': '"2"' });
    expect(done.body).toMatchObject({ status: 'done', completedAt: expect.any(String), version: 3 });
    const reopened = await ada.call('POST', `/api/tasks/${t.id}/reopen`, undefined, { 'if-match': '"3"' });
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, version: 4 });
    const deleted = await ada.call('DELETE', `/api/tasks/${t.id}`);
    expect(deleted.body).toMatchObject({
      task: { deletedAt: expect.any(String) },
      restorableUntil: expect.any(String),
    });
    expect((await ada.call('GET', '/api/tasks')).body.items).toEqual([]);
    expect((await ada.call('PATCH', `/api/tasks/${t.id}`, { title: 'z' }, { 'if-match': '"5"' })).status).toBe(404);
    const restored = await ada.call('POST', `/api/tasks/${t.id}/restore`);
    expect(restored.body).toMatchObject({ deletedAt: null, version: 6 });

    const events = await eventsFor(t.id, 6);
    expect(events.map((e) => e.type)).toEqual([
      'daybook.task.created.v1',
      'daybook.task.updated.v1',
      'daybook.task.completed.v1',
      'daybook.task.reopened.v1',
      'daybook.task.deleted.v1',
      'daybook.task.restored.v1',
    ]);
    expect(events[1]!.data.before).toMatchObject({ title: 'Write report', version: 1 });
    expect(events[1]!.data.task).toMatchObject({ title: 'Write the report', version: 2 });
    expect(events.map((e) => e.data.task.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('a stale version gets 409 with the server copy, a missing one 428, and nothing changes', async () => {
    const ada = person();
    const t = await ada.create({ title: 'Plan trip' });
    expect((await ada.call('PATCH', `/api/tasks/${t.id}`, { title: 'A' }, { 'if-match': '"1"' })).status).toBe(200);
    const stale = await ada.call('PATCH', `/api/tasks/${t.id}`, { title: 'B' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ title: 'A', version: 2 });
    expect((await ada.call('PATCH', `/api/tasks/${t.id}`, { title: 'C' })).status).toBe(428);
    expect((await ada.call('PATCH', `/api/tasks/${t.id}`, { title: 'C' }, { 'if-match': 'banana' })).status).toBe(400);
    expect((await ada.call('GET', `/api/tasks/${t.id}`)).body).toMatchObject({ title: 'A', version: 2 });
  });

  test('two concurrent edits of the same version: exactly one wins', async () => {
    const ada = person();
    const t = await ada.create({ title: 'Race' });
    const results = await Promise.all(
      ['left', 'right', 'middle'].map((title) =>
        ada.call('PATCH', `/api/tasks/${t.id}`, { title }, { 'if-match': '"1"' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const events = await eventsFor(t.id, 2);
    expect(events.filter((e) => e.type === 'daybook.task.updated.v1')).toHaveLength(1);
  });

  test('clearing the due date is refused while relative reminders depend on it', async () => {
    const ada = person();
    const t = await ada.create({
      title: 'x',
      due: { date: dateFrom(3) },
      reminders: [{ type: 'relative', minutesBefore: 60 }],
    });
    const r = await ada.call('PATCH', `/api/tasks/${t.id}`, { due: null }, { 'if-match': '"1"' });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems[0].field).toBe('body.reminders.0');
    const ok = await ada.call('PATCH', `/api/tasks/${t.id}`, { due: null, reminders: [] }, { 'if-match': '"1"' });
    expect(ok.body).toMatchObject({ due: null, dueAt: null, reminders: [] });
  });
});

test('a reminder after the end of its series is refused, on create and on update', async () => {
  const ada = person();
  // A weekly series that ends in a month, and a reminder two months ahead.
  const reminders = [{ type: 'absolute', at: `${dateFrom(60)}T09:00:00Z` }];
  const ending = { rrule: `FREQ=WEEKLY;UNTIL=${dateFrom(30).replaceAll('-', '')}T235959Z`, mode: 'after-completion' };
  const created = await ada.call('POST', '/api/tasks', {
    title: 'x',
    due: { date: dateFrom(1) },
    reminders,
    recurrence: ending,
  });
  expect(created.status).toBe(400);
  expect(created.body.error.details.problems[0].field).toBe('body.reminders.0.at');
  const t = await ada.create({ title: 'y', due: { date: dateFrom(1) }, reminders });
  const updated = await ada.call('PATCH', `/api/tasks/${t.id}`, { recurrence: ending }, { 'if-match': '"1"' });
  expect(updated.status).toBe(400);
  expect(updated.body.error.details.problems[0].field).toBe('body.reminders.0.at');
  expect((await ada.call('GET', `/api/tasks/${t.id}`)).body).toMatchObject({ recurrence: null, version: 1 });
});

describe('finding tasks', () => {
  test('filters, full-text search, sorting and cursor pagination', async () => {
    const ada = person();
    const home = (await ada.call('POST', '/api/tasks/tags', { name: 'home' })).body;
    const work = (await ada.call('POST', '/api/tasks/tags', { name: 'work' })).body;
    const a = await ada.create({
      title: 'Water the ferns',
      priority: 'low',
      tagIds: [home.id],
      due: { date: '2026-01-01' },
    });
    const b = await ada.create({
      title: 'Quarterly report',
      notes: 'numbers for the plants division',
      priority: 'urgent',
      tagIds: [work.id, home.id],
    });
    const c = await ada.create({
      title: 'Call mum',
      priority: 'medium',
      due: { date: dateFrom(400) },
      reminders: [{ type: 'relative', minutesBefore: 30 }],
      recurrence: { rrule: 'FREQ=WEEKLY', mode: 'fixed-schedule' },
    });
    await ada.call('POST', `/api/tasks/${c.id}/complete`, undefined, { 'if-match': '"1"' });
    const ids = async (query: string) =>
      (await ada.call('GET', `/api/tasks?${query}`)).body.items.map((t: TaskSnapshot) => t.id);

    expect(await ids('status=open')).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await ids('status=done')).toEqual([c.id]);
    expect(await ids('priority=urgent,low&sort=priority')).toEqual([b.id, a.id]);
    expect(await ids(`tagIds=${home.id},${work.id}&tagMode=all`)).toEqual([b.id]);
    expect(await ids(`tagIds=${home.id},${work.id}&tagMode=any&sort=title`)).toEqual([b.id, a.id]);
    expect(await ids('overdue=true')).toEqual([a.id]);
    expect(await ids('hasReminder=true')).toEqual([c.id]);
    expect(await ids('recurring=true')).toEqual([c.id]);
    expect(await ids('q=plants')).toEqual([b.id]); // notes are searched
    expect(await ids('q=water')).toEqual([a.id]); // stemmed: "water" finds "Water"
    expect(await ids('sort=due&order=asc')).toEqual([a.id, c.id, b.id]); // no due date last
    expect(await ids('sort=title&order=desc')).toEqual([a.id, b.id, c.id]);
    expect(await ids(`dueFrom=${dateFrom(300)}T00:00:00Z`)).toEqual([c.id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: Reply<{ items: TaskSnapshot[]; nextCursor: string | null }> = await ada.call(
        'GET',
        `/api/tasks?sort=title&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...r.body.items.map((t) => t.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([c.id, b.id, a.id]);

    for (const bad of [
      'limit=0',
      'sort=colour',
      'priority=extreme',
      'cursor=nonsense',
      'tagIds=x',
      'sort=relevance',
      'colour=red',
    ]) {
      expect({ bad, status: (await ada.call('GET', `/api/tasks?${bad}`)).status }).toEqual({ bad, status: 400 });
    }
  });

  test('every sort pages through with the cursors it hands out; any other cursor is a 400 naming query.cursor', async () => {
    const ada = person();
    await ada.create({ title: 'Plant the bulbs', priority: 'high', due: { date: dateFrom(3) } });
    await ada.create({ title: 'Prune the roses', priority: 'low', notes: 'plants first' });
    await ada.create({ title: 'Water the plants', priority: 'high', due: { date: dateFrom(-2) } });
    const ids = (r: Reply<Json>) => r.body.items.map((t: TaskSnapshot) => t.id);
    const pageByPage = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r: Reply<Json> = await ada.call(
          'GET',
          `/api/tasks?${query}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect({ query, status: r.status }).toEqual({ query, status: 200 });
        seen.push(...ids(r));
        cursor = r.body.nextCursor;
      } while (cursor && seen.length <= 3); // a cursor that repeats a task would page forever
      return seen;
    };
    for (const sort of [
      'sort=due',
      'sort=priority',
      'sort=created',
      'sort=updated',
      'sort=title',
      'sort=position',
      'q=plants',
    ]) {
      for (const order of ['asc', 'desc']) {
        const query = `${sort}&order=${order}`;
        const all = ids(await ada.call('GET', `/api/tasks?${query}`));
        expect({ query, paged: await pageByPage(query) }).toEqual({ query, paged: all });
      }
    }

    // Cursors as a client could forge them: well-formed base64 JSON whose key is not of the sort.
    const forged = (value: unknown) => encodeURIComponent(Buffer.from(JSON.stringify(value)).toString('base64'));
    const firstTitle = (await ada.call('GET', '/api/tasks?sort=title&limit=1')).body.nextCursor;
    for (const bad of [
      `cursor=${forged({ k: 'abc', id: randomUUID() })}`,
      `sort=priority&cursor=${forged({ k: 'abc', id: randomUUID() })}`,
      `sort=priority&cursor=${forged({ k: 2.5, id: randomUUID() })}`,
      `sort=due&cursor=${forged({ k: '2026-02-30 00:00:00+00', id: randomUUID() })}`,
      `sort=title&cursor=${forged({ k: 'a\u0000b', id: randomUUID() })}`,
      `sort=title&cursor=${forged({ k: 'a', id: '-'.repeat(36) })}`,
      `sort=due&cursor=${encodeURIComponent(firstTitle)}`, // a title cursor on a due-date listing
    ]) {
      const r = await ada.call('GET', `/api/tasks?${bad}`);
      expect({ bad, status: r.status, fields: r.body.error?.details?.problems.map((p: Json) => p.field) }).toEqual({
        bad,
        status: 400,
        fields: ['query.cursor'],
      });
    }
  });

  test('today and upcoming in the caller’s time zone', async () => {
    const ada = person();
    const zone = 'Pacific/Auckland';
    const local = (days: number) =>
      new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: zone });
    const overdue = await ada.create({ title: 'overdue', due: { date: local(-2), timeZone: zone } });
    const today = await ada.create({ title: 'today', due: { date: local(0), timeZone: zone } });
    const soon = await ada.create({ title: 'in three days', due: { date: local(3), timeZone: zone } });
    await ada.create({ title: 'far', due: { date: local(30), timeZone: zone } });
    const todayView = await ada.call('GET', `/api/tasks/views/today?timeZone=${zone}`);
    expect(todayView.body.items.map((t: TaskSnapshot) => t.id)).toEqual([overdue.id, today.id]);
    const upcoming = await ada.call('GET', `/api/tasks/views/upcoming?timeZone=${zone}&days=7`);
    expect(upcoming.body.items.map((t: TaskSnapshot) => t.id)).toEqual([soon.id]);
    expect((await ada.call('GET', '/api/tasks/views/today?timeZone=Moon/Base')).status).toBe(400);
  });

  test('bulk complete, tag and delete report per task', async () => {
    const ada = person();
    const tag = (await ada.call('POST', '/api/tasks/tags', { name: 'batch' })).body;
    const [x, y] = [await ada.create({ title: 'x' }), await ada.create({ title: 'y' })];
    const missing = randomUUID();
    const tagged = await ada.call('POST', '/api/tasks/bulk', { action: 'tag', ids: [x.id, y.id], tagIds: [tag.id] });
    expect(tagged.body.results.map((r: { status: string }) => r.status)).toEqual(['ok', 'ok']);
    const done = await ada.call('POST', '/api/tasks/bulk', { action: 'complete', ids: [x.id, missing] });
    expect(done.body.results).toEqual([
      expect.objectContaining({ id: x.id, status: 'ok', task: expect.objectContaining({ status: 'done' }) }),
      { id: missing, status: 'not_found' },
    ]);
    const again = await ada.call('POST', '/api/tasks/bulk', { action: 'complete', ids: [x.id] });
    expect(again.body.results[0].status).toBe('unchanged');
    expect((await ada.call('POST', '/api/tasks/bulk', { action: 'tag', ids: [x.id] })).status).toBe(400);
    expect((await ada.call('POST', '/api/tasks/bulk', { action: 'delete', ids: [] })).status).toBe(400);
    const deleted = await ada.call('POST', '/api/tasks/bulk', { action: 'delete', ids: [x.id, y.id] });
    expect(deleted.body.results.every((r: { status: string }) => r.status === 'ok')).toBe(true);
    expect((await ada.call('GET', '/api/tasks')).body.items).toEqual([]);
  });
});

describe('tags and lists', () => {
  test('names are unique per user, and deleting a list keeps its tasks', async () => {
    const ada = person();
    const bob = person();
    expect((await ada.call('POST', '/api/tasks/tags', { name: 'Home' })).status).toBe(201);
    expect((await ada.call('POST', '/api/tasks/tags', { name: 'home' })).status).toBe(409);
    expect((await bob.call('POST', '/api/tasks/tags', { name: 'home' })).status).toBe(201);
    expect((await ada.call('POST', '/api/tasks/tags', { name: 'x', color: 'blue' })).status).toBe(400);
    const list = (await ada.call('POST', '/api/tasks/lists', { name: 'Errands' })).body;
    const t = await ada.create({ title: 'Post office', listId: list.id });
    expect((await ada.call('PATCH', `/api/tasks/lists/${list.id}`, { name: 'Town' })).body.name).toBe('Town');
    expect((await ada.call('DELETE', `/api/tasks/lists/${list.id}`)).status).toBe(204);
    expect((await ada.call('GET', `/api/tasks/${t.id}`)).body.listId).toBeNull();
    expect((await ada.call('GET', '/api/tasks/lists')).body.items).toEqual([]);
  });

  test('deleting a tag or a list: each task that had it gets one updated event without it', async () => {
    const ada = person();
    const home = (await ada.call('POST', '/api/tasks/tags', { name: 'home' })).body;
    const garden = (await ada.call('POST', '/api/tasks/tags', { name: 'garden' })).body;
    const list = (await ada.call('POST', '/api/tasks/lists', { name: 'Weekend' })).body;
    const a = await ada.create({ title: 'Mow', tagIds: [home.id, garden.id], listId: list.id });
    const b = await ada.create({ title: 'Hoover', tagIds: [home.id] });
    const untouched = await ada.create({ title: 'Read', tagIds: [garden.id] });
    expect((await ada.call('DELETE', `/api/tasks/tags/${home.id}`)).status).toBe(204);
    expect((await ada.call('DELETE', `/api/tasks/lists/${list.id}`)).status).toBe(204);

    const [, tagEvent, listEvent] = await eventsFor(a.id, 3);
    expect(tagEvent).toMatchObject({ type: taskUpdated.type, data: { task: { version: 2, listId: list.id } } });
    expect(tagEvent!.data.before!.tags.map((t) => t.name)).toEqual(['garden', 'home']);
    expect(tagEvent!.data.task.tags.map((t) => t.name)).toEqual(['garden']);
    expect(listEvent).toMatchObject({ type: taskUpdated.type, data: { task: { version: 3, listId: null } } });
    const [, bEvent] = await eventsFor(b.id, 2);
    expect(bEvent!.data.task.tags).toEqual([]);
    expect((await ada.call('GET', `/api/tasks/${a.id}`)).body).toMatchObject({ version: 3, listId: null });
    expect((await ada.call('GET', `/api/tasks/${untouched.id}`)).body.version).toBe(1);
    expect((await ada.call('DELETE', `/api/tasks/tags/${home.id}`)).status).toBe(404);
  });

  test('renaming a tag: each task that has it gets one updated event with the new name', async () => {
    const ada = person();
    const tag = (await ada.call('POST', '/api/tasks/tags', { name: 'errands' })).body;
    const t = await ada.create({ title: 'Stamps', tagIds: [tag.id] });
    const other = await ada.create({ title: 'Call mum' });
    expect((await ada.call('PATCH', `/api/tasks/tags/${tag.id}`, { name: 'town', color: '#22c55e' })).status).toBe(200);
    const [, renamed] = await eventsFor(t.id, 2);
    expect(renamed!.data.before!.tags).toEqual([{ id: tag.id, name: 'errands', color: null }]);
    expect(renamed!.data.task.tags).toEqual([{ id: tag.id, name: 'town', color: '#22c55e' }]);
    const now = await ada.call('GET', `/api/tasks/${t.id}`);
    expect(now.body.tags[0].name).toBe('town');
    expect(now.etag).toBe('"2"'); // a cached copy with the old name is stale
    expect((await ada.call('GET', `/api/tasks/${other.id}`)).body.version).toBe(1);
  });
});

describe('the sidebar: counts, colours and order', () => {
  test('open-task counts, list colours, the order of lists and tags, and 400s naming the field', async () => {
    const ada = person();
    const zone = 'Europe/Berlin';
    const list = (await ada.call('POST', '/api/tasks/lists', { name: 'Bills', color: '#b45309' })).body;
    expect(list).toMatchObject({ name: 'Bills', color: '#b45309', position: 0 });
    const other = (await ada.call('POST', '/api/tasks/lists', { name: 'Home' })).body;
    const tag = (await ada.call('POST', '/api/tasks/tags', { name: 'money' })).body;
    await ada.create({
      title: 'Rent',
      listId: list.id,
      tagIds: [tag.id],
      due: { date: dateFrom(0, zone), timeZone: zone },
    });
    await ada.create({ title: 'Inbox, soon', due: { date: dateFrom(2, zone), timeZone: zone } });
    const counts = await ada.call('GET', `/api/tasks/counts?timeZone=${zone}`);
    expect(counts.body).toEqual({
      inbox: 1,
      today: 1,
      upcoming: 1,
      lists: [{ id: list.id, count: 1 }],
      tags: [{ id: tag.id, count: 1 }],
      timeZone: zone,
    });

    // The Inbox: the tasks without a list.
    expect((await ada.call('GET', '/api/tasks?listId=none')).body.items.map((t: { title: string }) => t.title)).toEqual(
      ['Inbox, soon'],
    );
    expect((await ada.call('PATCH', `/api/tasks/lists/${list.id}`, { color: '#2f5d8a' })).body).toMatchObject({
      name: 'Bills',
      color: '#2f5d8a',
    });
    const reordered = await ada.call('PUT', '/api/tasks/lists/order', { ids: [other.id, list.id] });
    expect(reordered.body.items.map((l: { name: string }) => l.name)).toEqual(['Home', 'Bills']);
    expect((await ada.call('GET', '/api/tasks/lists')).body.items.map((l: { id: string }) => l.id)).toEqual([
      other.id,
      list.id,
    ]);
    expect((await ada.call('PUT', '/api/tasks/tags/order', { ids: [tag.id] })).status).toBe(200);

    const bad: [string, string, unknown, string][] = [
      ['GET', '/api/tasks/counts?timeZone=Mars/Olympus', undefined, 'timeZone'],
      ['GET', '/api/tasks/counts', undefined, 'timeZone'],
      ['GET', '/api/tasks?listId=nope', undefined, 'listId'],
      ['PUT', '/api/tasks/lists/order', { ids: ['nope'] }, 'ids.0'],
      ['PUT', '/api/tasks/lists/order', { ids: [list.id, list.id] }, 'ids'],
      ['PUT', '/api/tasks/tags/order', {}, 'ids'],
      ['PATCH', `/api/tasks/lists/${list.id}`, { color: 'orange' }, 'color'],
      ['PATCH', `/api/tasks/lists/${list.id}`, {}, ''],
    ];
    for (const [method, path, body, field] of bad) {
      const res = await ada.call(method, path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(res.body)).toContain(field);
    }
    // Another person's ids are not found, and nothing of theirs is counted.
    const eve = person();
    expect((await eve.call('PUT', '/api/tasks/lists/order', { ids: [list.id] })).status).toBe(404);
    expect((await eve.call('PUT', '/api/tasks/tags/order', { ids: [tag.id] })).status).toBe(404);
    expect((await eve.call('GET', `/api/tasks/counts?timeZone=${zone}`)).body).toMatchObject({
      inbox: 0,
      lists: [],
      tags: [],
    });
  });
});

describe('isolation between users', () => {
  test('another user’s tasks, tags and lists are not found, never listed, never changed', async () => {
    const ada = person();
    const eve = person();
    const tag = (await ada.call('POST', '/api/tasks/tags', { name: 'secret' })).body;
    const list = (await ada.call('POST', '/api/tasks/lists', { name: 'Private' })).body;
    const t = await ada.create({ title: 'Ada’s secret', tagIds: [tag.id], listId: list.id });
    const attempts: [string, string, unknown?, Record<string, string>?][] = [
      ['GET', `/api/tasks/${t.id}`],
      ['PATCH', `/api/tasks/${t.id}`, { title: 'mine now' }, { 'if-match': '"1"' }],
      ['POST', `/api/tasks/${t.id}/complete`, undefined, { 'if-match': '"1"' }],
      ['POST', `/api/tasks/${t.id}/reopen`, undefined, { 'if-match': '"1"' }],
      ['DELETE', `/api/tasks/${t.id}`],
      ['POST', `/api/tasks/${t.id}/restore`],
      ['PATCH', `/api/tasks/tags/${tag.id}`, { name: 'x' }],
      ['DELETE', `/api/tasks/tags/${tag.id}`],
      ['PATCH', `/api/tasks/lists/${list.id}`, { name: 'x' }],
      ['DELETE', `/api/tasks/lists/${list.id}`],
    ];
    for (const [method, path, body, headers] of attempts) {
      expect({ method, path, status: (await eve.call(method, path, body, headers)).status }).toEqual({
        method,
        path,
        status: 404,
      });
    }
    expect((await eve.call('POST', '/api/tasks/bulk', { action: 'complete', ids: [t.id] })).body.results).toEqual([
      { id: t.id, status: 'not_found' },
    ]);
    expect((await eve.call('POST', '/api/tasks', { title: 'x', tagIds: [tag.id] })).status).toBe(400);
    expect((await eve.call('POST', '/api/tasks', { title: 'x', listId: list.id })).status).toBe(400);
    expect((await eve.call('GET', '/api/tasks?q=secret')).body.items).toEqual([]);
    expect((await eve.call('GET', `/api/tasks?tagIds=${tag.id}`)).body.items).toEqual([]);
    expect((await eve.call('GET', '/api/tasks/tags')).body.items).toEqual([]);
    expect((await eve.call('GET', '/api/tasks/lists')).body.items).toEqual([]);
    expect((await ada.call('GET', `/api/tasks/${t.id}`)).body).toMatchObject({ title: 'Ada’s secret', version: 1 });
  });

  test('without a valid token nothing is served', async () => {
    for (const path of ['/api/tasks', '/api/tasks/tags', '/api/tasks/lists', `/api/tasks/${randomUUID()}`]) {
      expect((await fetch(`${tasks.baseUrl}${path}`)).status).toBe(401);
    }
    expect((await fetch(`${tasks.baseUrl}/api/tasks/openapi.json`)).status).toBe(200);
  });
});

describe('subtasks', () => {
  test('created under a parent, counted, listed by parent, and completed with it; each event valid', async () => {
    const ada = person();
    const parent = await ada.create({ title: 'Move house' });
    const pack = await ada.create({ title: 'Pack', parentId: parent.id });
    const van = await ada.create({ title: 'Book a van', parentId: parent.id });
    expect(pack).toMatchObject({ parentId: parent.id, subtasks: { total: 0, done: 0 } });
    expect((await ada.call('GET', `/api/tasks/${parent.id}`)).body.subtasks).toEqual({ total: 2, done: 0 });
    const children = await ada.call('GET', `/api/tasks?parentId=${parent.id}&sort=created&order=asc`);
    expect(children.body.items.map((t: TaskSnapshot) => t.title)).toEqual(['Pack', 'Book a van']);
    const top = await ada.call('GET', '/api/tasks?topLevel=true');
    expect(top.body.items.map((t: TaskSnapshot) => t.id)).toEqual([parent.id]);

    const bad = await ada.call(
      'POST',
      `/api/tasks/${parent.id}/complete`,
      { completeSubtasks: 'yes' },
      { 'if-match': '"1"' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual(['body.completeSubtasks']);
    const done = await ada.call(
      'POST',
      `/api/tasks/${parent.id}/complete`,
      { completeSubtasks: true },
      { 'if-match': '"1"' },
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', subtasks: { total: 2, done: 2 } });
    const [created, completed] = await eventsFor(van.id, 2);
    expect(created!.type).toBe('daybook.task.created.v1');
    expect(completed!.type).toBe('daybook.task.completed.v1');
    // Every consumer parses the snapshot with the catalogue's strict schema.
    expect(taskSnapshot.parse(completed!.data.task)).toMatchObject({ parentId: parent.id, status: 'done' });
  });

  test("another user's parent is a 404; a cycle or a fourth level a 400 naming body.parentId", async () => {
    const [ada, bob] = [person(), person()];
    const bobs = await bob.create({ title: 'Secret' });
    const cross = await ada.call('POST', '/api/tasks', { title: 'x', parentId: bobs.id });
    expect(cross.status).toBe(404);
    const one = await ada.create({ title: 'one' });
    const two = await ada.create({ title: 'two', parentId: one.id });
    const three = await ada.create({ title: 'three', parentId: two.id });
    const four = await ada.call('POST', '/api/tasks', { title: 'four', parentId: three.id });
    expect(four.status).toBe(400);
    expect(JSON.stringify(four.body)).toContain('body.parentId');
    const cycle = await ada.call('PATCH', `/api/tasks/${one.id}`, { parentId: three.id }, { 'if-match': '"1"' });
    expect(cycle.status).toBe(400);
    expect(JSON.stringify(cycle.body)).toContain('body.parentId');
    expect((await ada.call('GET', `/api/tasks/${one.id}`)).body).not.toHaveProperty('parentId');
  });
});

describe('manual order', () => {
  test('a move puts the task next to another of its list, with one moved event; the list sorts by it', async () => {
    const ada = person();
    const list = (await ada.call('POST', '/api/tasks/lists', { name: 'Garden' })).body;
    const [a, b, c] = [
      await ada.create({ title: 'a', listId: list.id }),
      await ada.create({ title: 'b', listId: list.id }),
      await ada.create({ title: 'c', listId: list.id }),
    ];
    const order = async () =>
      (await ada.call('GET', `/api/tasks?listId=${list.id}&sort=position`)).body.items.map((t: Json) => t.title);
    expect(await order()).toEqual(['a', 'b', 'c']);

    const moved = await ada.call('POST', `/api/tasks/${c.id}/move`, { before: a.id }, { 'if-match': '"1"' });
    expect(moved.status).toBe(200);
    expect(moved.etag).toBe('"2"');
    expect(moved.body).toMatchObject({ id: c.id, version: 2, subtasks: { total: 0, done: 0 } });
    expect(await order()).toEqual(['c', 'a', 'b']);
    expect((await ada.call('POST', `/api/tasks/${a.id}/move`, { after: b.id })).status).toBe(200);
    expect(await order()).toEqual(['c', 'b', 'a']);

    const events = await eventsFor(c.id, 2);
    expect(events[1]!.type).toBe('daybook.task.moved.v1');
    expect(taskSnapshot.parse(events[1]!.data.task).position).toBe(moved.body.position);
    expect(events[1]!.data.before!.position).toBe(c.position);
  });

  test('bad moves: 400 naming the field, 404 for another user’s task or anchor, 409 when stale', async () => {
    const [ada, bob] = [person(), person()];
    const list = (await ada.call('POST', '/api/tasks/lists', { name: 'Work' })).body;
    const a = await ada.create({ title: 'a', listId: list.id });
    const b = await ada.create({ title: 'b', listId: list.id });
    const inbox = await ada.create({ title: 'inbox' });
    const bobs = await bob.create({ title: 'bob’s' });
    const fieldsOf = (r: Reply<Json>) => r.body.error?.details?.problems?.map((p: Json) => p.field) ?? r.body.error;

    for (const [body, field] of [
      [{}, 'body.before'],
      [{ before: b.id, after: b.id }, 'body.before'],
      [{ before: 'b' }, 'body.before'],
      [{ after: 42 }, 'body.after'],
      [{ before: b.id, extra: 1 }, 'body.extra'],
    ] as const) {
      const r = await ada.call('POST', `/api/tasks/${a.id}/move`, body);
      expect({ body, status: r.status, fields: fieldsOf(r) }).toEqual({
        body,
        status: 400,
        fields: expect.arrayContaining([field]),
      });
    }
    const otherList = await ada.call('POST', `/api/tasks/${a.id}/move`, { after: inbox.id });
    expect(otherList.status).toBe(400);
    expect(JSON.stringify(otherList.body)).toContain('after');
    const itself = await ada.call('POST', `/api/tasks/${a.id}/move`, { before: a.id });
    expect(itself.status).toBe(400);

    // Another user's task, moved by them or used as an anchor: as missing as none.
    expect((await bob.call('POST', `/api/tasks/${a.id}/move`, { before: b.id })).status).toBe(404);
    expect((await ada.call('POST', `/api/tasks/${a.id}/move`, { before: bobs.id })).status).toBe(404);
    expect((await ada.call('POST', `/api/tasks/${randomUUID()}/move`, { before: b.id })).status).toBe(404);
    expect((await ada.call('POST', `/api/tasks/${a.id}/move`, { before: b.id }, { 'if-match': '"9"' })).status).toBe(
      409,
    );
    // Nothing moved.
    expect((await ada.call('GET', `/api/tasks/${a.id}`)).body).toMatchObject({ version: 1, position: a.position });
  });
});
