import { randomUUID } from 'node:crypto';
import { occurrenceRequested, taskCompleted, taskUpdated, type TaskSnapshot } from '@daybook/contracts';
import { DateTime } from 'luxon';
import { kafkaClient } from '@daybook/substrate';
import {
  asUser,
  dateFrom,
  dateTimeFrom,
  kafkaTap,
  nextWeekday,
  startStack,
  testEnvironment,
  topicFor,
  waitFor,
  type KafkaTap,
  type ServiceUnderTest,
  type Stack,
} from '@daybook/testing';

// tasks and recurring, each beside its own daprd, with the real Scheduler behind them.
let stack: Stack;
let tasks: ServiceUnderTest;
let recurring: ServiceUnderTest;
let tap: KafkaTap;

beforeAll(async () => {
  stack = await startStack({
    name: 'recurring',
    services: ['tasks', 'recurring'],
    consumes: { recurring: ['task-events', 'user-events'], tasks: ['recurring-events', 'user-events'] },
  });
  ({ tasks, recurring } = stack.services as { tasks: ServiceUnderTest; recurring: ServiceUnderTest });
  tap = await kafkaTap(['task-events', 'recurring-events']);
});

afterAll(async () => {
  await tap?.stop();
  await stack?.stop();
});

function person() {
  const http = asUser(stack.token(randomUUID()));
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    http<TaskSnapshot & { items: TaskSnapshot[] }>(tasks.baseUrl, method, path, body, headers);
  return { call };
}

const seriesTasks = async (who: ReturnType<typeof person>, seriesId: string) =>
  (await who.call('GET', '/api/tasks?limit=100&sort=due&order=asc')).body.items.filter(
    (t) => t.id === seriesId || t.seriesId === seriesId,
  );

/** How many events of a type a service has consumed with an outcome (its /metrics). */
async function consumed(service: ServiceUnderTest, type: string, outcome: string): Promise<number> {
  const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('daybook_events_consumed_total{') &&
        l.includes(`type="${type}"`) &&
        l.includes(`outcome="${outcome}"`),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

test('completing a weekly task creates exactly one next occurrence: the next Tuesday after completion, at 19:00 London', async () => {
  const ada = person();
  const dueDay = nextWeekday(2, 7, 'Europe/London'); // a Tuesday at least a week ahead
  const first = (
    await ada.call('POST', '/api/tasks', {
      title: 'Bins out',
      priority: 'low',
      due: { dateTime: `${dueDay.toISODate()}T19:00`, timeZone: 'Europe/London' },
      reminders: [{ type: 'relative', minutesBefore: 30 }],
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU', mode: 'after-completion' },
    })
  ).body;
  // "After completion": the rule restarts from the completion day (today), not the due date.
  const done = await ada.call('POST', `/api/tasks/${first.id}/complete`, undefined, { 'if-match': '"1"' });
  expect(done.status).toBe(200);

  const next = await waitFor('the next occurrence', async () =>
    (await seriesTasks(ada, first.id)).find((t) => t.id !== first.id),
  );
  expect(next).toMatchObject({
    title: 'Bins out',
    priority: 'low',
    status: 'open',
    seriesId: first.id,
    recurrence: first.recurrence,
    reminders: [expect.objectContaining({ type: 'relative', minutesBefore: 30 })],
  });
  let day = DateTime.fromISO(done.body.completedAt!, { zone: 'Europe/London' }).startOf('day');
  do day = day.plus({ days: 1 });
  while (day.weekday !== 2);
  const expected = day.set({ hour: 19 });
  expect(next.due).toEqual({ dateTime: expected.toFormat("yyyy-LL-dd'T'HH:mm:ss"), timeZone: 'Europe/London' });
  expect(next.dueAt).toBe(expected.toUTC().toISO());
  const requests = tap.messages.filter(
    (m) =>
      m.topic === topicFor(occurrenceRequested.topic) && (m.json?.data as { seriesId?: string })?.seriesId === first.id,
  );
  expect(requests).toHaveLength(1);
});

test('a redelivered completion, and a completion undone and redone, still yield one next occurrence', async () => {
  const ada = person();
  const first = (
    await ada.call('POST', '/api/tasks', {
      title: 'Water plants',
      due: { dateTime: dateTimeFrom(3, '09:00'), timeZone: 'UTC' },
      recurrence: { rrule: 'FREQ=DAILY;INTERVAL=2', mode: 'after-completion' },
    })
  ).body;
  await ada.call('POST', `/api/tasks/${first.id}/complete`, undefined, { 'if-match': '"1"' });
  await waitFor('the next occurrence', async () => (await seriesTasks(ada, first.id)).length === 2);

  // Redelivery: the very same completed event goes over the topic again.
  const original = await tap.waitFor(
    'the completed event',
    (m) => m.key === first.id && m.json?.type === taskCompleted.type,
  );
  const duplicatesBefore = await consumed(recurring, taskCompleted.type, 'duplicate');
  const producer = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-test').producer();
  await producer.connect();
  await producer.send({ topic: topicFor('task-events'), messages: [{ key: first.id, value: original.value }] });
  await producer.disconnect();
  await waitFor(
    'recurring to see the duplicate',
    async () => (await consumed(recurring, taskCompleted.type, 'duplicate')) > duplicatesBefore,
  );

  // Undo and redo: reopened, then completed again (a new event with a new id).
  const successesBefore = await consumed(recurring, taskCompleted.type, 'success');
  await ada.call('POST', `/api/tasks/${first.id}/reopen`, undefined, { 'if-match': '"2"' });
  await ada.call('POST', `/api/tasks/${first.id}/complete`, undefined, { 'if-match': '"3"' });
  await waitFor(
    'recurring to handle the second completion',
    async () => (await consumed(recurring, taskCompleted.type, 'success')) > successesBefore,
  );

  expect(await seriesTasks(ada, first.id)).toHaveLength(2);
});

test('a fixed-schedule series creates its next occurrence when the current one falls due (Dapr job)', async () => {
  const ada = person();
  // Whole seconds: the due time is what the person typed, to the second.
  const dueAt = new Date(Math.ceil((Date.now() + 3_000) / 1000) * 1000);
  const local = dueAt.toISOString().slice(0, 19);
  const first = (
    await ada.call('POST', '/api/tasks', {
      title: 'Daily stand-up',
      due: { dateTime: local, timeZone: 'UTC' },
      recurrence: { rrule: 'FREQ=DAILY', mode: 'fixed-schedule' },
    })
  ).body;
  const next = await waitFor(
    'the next day’s occurrence',
    async () => (await seriesTasks(ada, first.id)).find((t) => t.id !== first.id),
    {
      timeoutMs: 60_000,
    },
  );
  expect(Date.now()).toBeGreaterThanOrEqual(dueAt.getTime()); // not before the current one fell due
  expect(next.dueAt).toBe(new Date(dueAt.getTime() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'));
  expect(first.status).toBe('open'); // appears whether or not the previous one is done
});

test('edits to the latest occurrence apply to this and all future ones; the series lists its occurrences', async () => {
  const ada = person();
  const first = (
    await ada.call('POST', '/api/tasks', {
      title: 'Review budget',
      due: { dateTime: dateTimeFrom(3, '10:00'), timeZone: 'UTC' },
      recurrence: { rrule: 'FREQ=WEEKLY', mode: 'after-completion' },
    })
  ).body;
  await ada.call('POST', `/api/tasks/${first.id}/complete`, undefined, { 'if-match': '"1"' });
  const second = await waitFor('occurrence 2', async () =>
    (await seriesTasks(ada, first.id)).find((t) => t.id !== first.id),
  );
  // "This and future": the latest occurrence gets a new title and a daily rule.
  await ada.call(
    'PATCH',
    `/api/tasks/${second.id}`,
    { title: 'Review budget (daily)', recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' } },
    { 'if-match': '"1"' },
  );
  // "This occurrence only": editing an older one changes nothing ahead.
  await ada.call('PATCH', `/api/tasks/${first.id}`, { title: 'Old title edited' }, { 'if-match': '"2"' });
  const completed = (await ada.call('POST', `/api/tasks/${second.id}/complete`, undefined, { 'if-match': '"2"' })).body;
  const third = await waitFor('occurrence 3', async () =>
    (await seriesTasks(ada, first.id)).find((t) => ![first.id, second.id].includes(t.id)),
  );
  expect(third).toMatchObject({
    title: 'Review budget (daily)',
    recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
    seriesId: first.id,
  });
  const tomorrow = new Date(Date.parse(completed.completedAt!) + 86_400_000).toISOString().slice(0, 10);
  expect(third.dueAt).toBe(`${tomorrow}T10:00:00.000Z`);

  const listed = (await ada.call('GET', `/api/tasks?seriesId=${first.id}&sort=created&order=asc`)).body.items;
  expect(listed.map((t) => t.id)).toEqual([first.id, second.id, third.id]);
});

/** A daily series at 10:00 UTC whose first task is done: returns it and the open second one. */
async function seriesWithTwoOccurrences(who: ReturnType<typeof person>, title: string) {
  const first = (
    await who.call('POST', '/api/tasks', {
      title,
      priority: 'medium',
      due: { dateTime: dateTimeFrom(3, '10:00'), timeZone: 'UTC' },
      reminders: [{ type: 'relative', minutesBefore: 30 }],
      recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
    })
  ).body;
  const done = (await who.call('POST', `/api/tasks/${first.id}/complete`, undefined, { 'if-match': '"1"' })).body;
  const second = await waitFor('occurrence 2', async () =>
    (await seriesTasks(who, first.id)).find((t) => t.id !== first.id),
  );
  return { first: done, second };
}

const updatedEvents = (taskId: string) =>
  tap.messages
    .filter((m) => m.topic === topicFor(taskUpdated.topic) && m.json?.type === taskUpdated.type)
    .map((m) => m.json!.data as { task: TaskSnapshot; scope?: string })
    .filter((d) => d.task.id === taskId);

test('"this occurrence only" on the latest occurrence: the next one keeps the series’ title, reminders and time of day', async () => {
  const ada = person();
  const { first, second } = await seriesWithTwoOccurrences(ada, 'Water the plants');
  const secondDay = second.due && 'dateTime' in second.due ? second.due.dateTime.slice(0, 10) : '';
  const edited = await ada.call(
    'PATCH',
    `/api/tasks/${second.id}?scope=this`,
    { title: 'Water the plants (and repot)', due: { dateTime: `${secondDay}T14:00`, timeZone: 'UTC' }, reminders: [] },
    { 'if-match': '"1"' },
  );
  expect(edited.status).toBe(200);
  expect(edited.body).toMatchObject({ title: 'Water the plants (and repot)', reminders: [] });
  await waitFor('the edit on the topic', async () => updatedEvents(second.id).length === 1);
  expect(updatedEvents(second.id)[0]!.scope).toBe('this');

  const completed = (await ada.call('POST', `/api/tasks/${second.id}/complete`, undefined, { 'if-match': '"2"' })).body;
  const third = await waitFor('occurrence 3', async () =>
    (await seriesTasks(ada, first.id)).find((t) => ![first.id, second.id].includes(t.id)),
  );
  expect(third).toMatchObject({
    title: 'Water the plants',
    priority: 'medium',
    seriesId: first.id,
    reminders: [expect.objectContaining({ type: 'relative', minutesBefore: 30 })],
  });
  // Daily after completion, at the series' 10:00, not the 14:00 of the moved occurrence.
  const tomorrow = new Date(Date.parse(completed.completedAt!) + 86_400_000).toISOString().slice(0, 10);
  expect(third.dueAt).toBe(`${tomorrow}T10:00:00.000Z`);
});

test('"this and future" from an older occurrence reaches the later ones and every next one', async () => {
  const ada = person();
  const { first, second } = await seriesWithTwoOccurrences(ada, 'Stretch');
  const edited = await ada.call(
    'PATCH',
    `/api/tasks/${first.id}?scope=future`,
    { title: 'Stretch for 10 minutes', priority: 'high' },
    { 'if-match': `"${first.version}"` },
  );
  expect(edited.status).toBe(200);
  const later = (await ada.call('GET', `/api/tasks/${second.id}`)).body;
  expect(later).toMatchObject({ title: 'Stretch for 10 minutes', priority: 'high', version: 2, due: second.due });
  // Two tasks, two partitions: the events may arrive in either order.
  await waitFor(
    'both edits on the topic',
    async () => updatedEvents(first.id).length === 1 && updatedEvents(second.id).length === 1,
  );
  expect(updatedEvents(first.id).map((d) => d.scope)).toEqual(['future']);
  expect(updatedEvents(second.id).map((d) => d.scope)).toEqual(['future']);

  // The second is still the latest: an edit of it without a scope is for the series too.
  await ada.call('PATCH', `/api/tasks/${second.id}`, { notes: 'Slowly.' }, { 'if-match': '"2"' });
  await ada.call('POST', `/api/tasks/${second.id}/complete`, undefined, { 'if-match': '"3"' });
  const third = await waitFor('occurrence 3', async () =>
    (await seriesTasks(ada, first.id)).find((t) => ![first.id, second.id].includes(t.id)),
  );
  expect(third).toMatchObject({ title: 'Stretch for 10 minutes', priority: 'high', notes: 'Slowly.' });
});

test('series edits that cannot mean what they say are 400s that write nothing', async () => {
  const ada = person();
  const { first, second } = await seriesWithTwoOccurrences(ada, 'Journal');
  const cases = [
    // The rule belongs to the whole series.
    {
      path: `/api/tasks/${second.id}?scope=this`,
      version: 1,
      body: { recurrence: { rrule: 'FREQ=WEEKLY', mode: 'after-completion' } },
      field: 'body.recurrence',
    },
    // Only the latest occurrence moves the series.
    {
      path: `/api/tasks/${first.id}?scope=future`,
      version: first.version,
      body: { due: { dateTime: dateTimeFrom(5, '08:00'), timeZone: 'UTC' } },
      field: 'body.due',
    },
    { path: `/api/tasks/${second.id}?scope=sometimes`, version: 1, body: { title: 'x' }, field: 'query.scope' },
  ];
  for (const c of cases) {
    const res = await ada.call('PATCH', c.path, c.body, { 'if-match': `"${c.version}"` });
    expect({ field: c.field, status: res.status }).toEqual({ field: c.field, status: 400 });
    expect(JSON.stringify(res.body)).toContain(c.field);
  }
  expect((await ada.call('GET', `/api/tasks/${first.id}`)).body.version).toBe(first.version);
  expect((await ada.call('GET', `/api/tasks/${second.id}`)).body.version).toBe(1);
});

test('stopping a series: without its rule, completing the latest task creates nothing', async () => {
  const ada = person();
  const first = (
    await ada.call('POST', '/api/tasks', {
      title: 'Temporary habit',
      due: { dateTime: dateTimeFrom(3, '07:00'), timeZone: 'UTC' },
      recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion' },
    })
  ).body;
  await ada.call('PATCH', `/api/tasks/${first.id}`, { recurrence: null }, { 'if-match': '"1"' });
  const before = await consumed(recurring, taskCompleted.type, 'success');
  await ada.call('POST', `/api/tasks/${first.id}/complete`, undefined, { 'if-match': '"2"' });
  await waitFor(
    'recurring to handle the completion',
    async () => (await consumed(recurring, taskCompleted.type, 'success')) > before,
  );
  expect(await seriesTasks(ada, first.id)).toHaveLength(1);
});

test('skipped dates (EXDATE) are never an occurrence', async () => {
  const ada = person();
  const day = (n: number) => dateFrom(n);
  const first = (
    await ada.call('POST', '/api/tasks', {
      title: 'Run',
      due: { dateTime: `${day(0)}T10:00`, timeZone: 'UTC' },
      recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion', exdates: [day(1), day(2)] },
    })
  ).body;
  expect(first.recurrence).toEqual({ rrule: 'FREQ=DAILY', mode: 'after-completion', exdates: [day(1), day(2)] });
  await ada.call('POST', `/api/tasks/${first.id}/complete`, undefined, { 'if-match': '"1"' });
  const next = await waitFor('the next occurrence', async () =>
    (await seriesTasks(ada, first.id)).find((t) => t.id !== first.id),
  );
  expect(next.dueAt).toBe(`${day(3)}T10:00:00.000Z`);
  expect(next.recurrence).toEqual(first.recurrence);
  const bad = await ada.call('POST', '/api/tasks', {
    title: 'x',
    due: { date: day(0) },
    recurrence: { rrule: 'FREQ=DAILY', mode: 'after-completion', missed: 'skip', exdates: ['tomorrow'] },
  });
  expect(bad.status).toBe(400);
});

// A pure computation from a fixed start across a DST change: the dates are the point.
test('the preview shows the next dates of a rule exactly as the series will have them', async () => {
  const headers = { authorization: `Bearer ${stack.token(randomUUID())}` };
  const preview = (query: string) => fetch(`${recurring.baseUrl}/api/recurring/preview?${query}`, { headers });
  const ok = await preview(
    new URLSearchParams({
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=5',
      start: '2025-03-24T18:00',
      timeZone: 'Europe/London',
    }).toString(),
  );
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { occurrences: { local: string; at: string }[] }).occurrences).toEqual([
    { local: '2025-03-24T18:00:00', at: '2025-03-24T18:00:00.000Z' },
    { local: '2025-03-27T18:00:00', at: '2025-03-27T18:00:00.000Z' },
    { local: '2025-04-07T18:00:00', at: '2025-04-07T17:00:00.000Z' }, // after the clocks go forward
    { local: '2025-04-10T18:00:00', at: '2025-04-10T17:00:00.000Z' },
    { local: '2025-04-21T18:00:00', at: '2025-04-21T17:00:00.000Z' },
  ]);
  const bad = await preview(
    new URLSearchParams({ rrule: 'FREQ=SOMETIMES', start: '2025-03-24T18:00', timeZone: 'Mars/Base' }).toString(),
  );
  expect(bad.status).toBe(400);
  const problems = ((await bad.json()) as { error: { details: { problems: { field: string }[] } } }).error.details
    .problems;
  expect(problems.map((p) => p.field).sort()).toEqual(['query.rrule', 'query.timeZone']);
  expect((await fetch(`${recurring.baseUrl}/api/recurring/preview?rrule=FREQ%3DDAILY`)).status).toBe(401);
});

test("a recurring parent's next occurrence is due a month after the completion's day, with its subtasks open again", async () => {
  const ada = person();
  const parent = (
    await ada.call('POST', '/api/tasks', {
      title: 'Pay the bills',
      due: { dateTime: dateTimeFrom(3, '09:00'), timeZone: 'UTC' },
      recurrence: { rrule: 'FREQ=MONTHLY', mode: 'after-completion' },
    })
  ).body;
  const rent = (await ada.call('POST', '/api/tasks', { title: 'Rent', parentId: parent.id })).body;
  await ada.call('POST', '/api/tasks', { title: 'Electricity', parentId: parent.id });
  await ada.call('POST', `/api/tasks/${rent.id}/complete`, undefined, { 'if-match': '"1"' });
  const done = (await ada.call('POST', `/api/tasks/${parent.id}/complete`, undefined, { 'if-match': '"1"' })).body;
  // Completed alone: one of its two subtasks is still open.
  expect(done).toMatchObject({ status: 'done', subtasks: { total: 2, done: 1 } });

  const next = await waitFor('the next occurrence', async () =>
    (await seriesTasks(ada, parent.id)).find((t) => t.id !== parent.id),
  );
  // The completion's day plus one month (clamped to a shorter month's last day), at 09:00.
  const completedDay = DateTime.fromISO(done.completedAt!, { zone: 'UTC' });
  expect(next.dueAt).toBe(`${completedDay.plus({ months: 1 }).toISODate()}T09:00:00.000Z`);
  // The preview said so before: asked with the completion instant, it gives the same.
  const preview = await fetch(
    `${recurring.baseUrl}/api/recurring/preview?${new URLSearchParams({
      rrule: 'FREQ=MONTHLY',
      start: parent.due && 'dateTime' in parent.due ? parent.due.dateTime : '',
      timeZone: 'UTC',
      completedAt: done.completedAt!,
    }).toString()}`,
    { headers: { authorization: `Bearer ${stack.token(randomUUID())}` } },
  );
  expect(((await preview.json()) as { ifCompleted: { at: string } }).ifCompleted.at).toBe(next.dueAt);

  const copies = await waitFor('the subtasks copied', async () => {
    const items = (await ada.call('GET', `/api/tasks?parentId=${next.id}&sort=title&order=asc`)).body.items;
    return items.length === 2 ? items : undefined;
  });
  expect(copies.map((t) => [t.title, t.status, t.parentId])).toEqual([
    ['Electricity', 'open', next.id],
    ['Rent', 'open', next.id],
  ]);
});
