import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ical, { type VEvent } from 'node-ical';
import {
  asUser,
  dateFrom,
  dateTimeFrom,
  instantFrom,
  startStack,
  waitFor,
  type ServiceUnderTest,
  type Stack,
} from '@daybook/testing';

// The private calendar feed through the real service beside its real daprd, parsed as a
// calendar app would parse it.
let stack: Stack;
let tasks: ServiceUnderTest;

beforeAll(async () => {
  stack = await startStack({ name: 'tasks-calendar', services: ['tasks'] });
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
    newFeed: async (): Promise<string> => {
      const r = await call('POST', '/api/tasks/calendar-feed');
      expect(r.status).toBe(201);
      expect(r.body.path).toMatch(/^\/api\/tasks\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      return r.body.path;
    },
  };
}

/** The feed as a calendar app fetches it: no Authorization header. */
const fetchFeed = (path: string, headers: Record<string, string> = {}) => fetch(`${tasks.baseUrl}${path}`, { headers });

/** An alarm's TRIGGER value (node-ical gives {params, val} when the property has parameters). */
const triggerOf = (alarm: { trigger?: unknown }) =>
  typeof alarm.trigger === 'object' ? (alarm.trigger as { val: string }).val : String(alarm.trigger);

async function eventsOf(path: string): Promise<Record<string, VEvent>> {
  const res = await fetchFeed(path);
  expect(res.status).toBe(200);
  const events: Record<string, VEvent> = {};
  for (const [uid, component] of Object.entries(ical.sync.parseICS(await res.text()))) {
    if (component?.type === 'VEVENT') events[uid] = component;
  }
  return events;
}

describe('the calendar feed', () => {
  test('serves open due tasks as events without sign-in: all-day, timed, alarms; stable UIDs', async () => {
    const ada = person();
    const allDayDate = dateFrom(5);
    const timedAt = dateTimeFrom(3, '09:30', 'Europe/Paris');
    const allDay = await ada.create({
      title: 'Renew passport, the long way round',
      notes: 'Bring photos; the old one',
      due: { date: allDayDate, timeZone: 'UTC' },
      reminders: [{ type: 'relative', minutesBefore: 60 }],
    });
    const timed = await ada.create({
      title: 'Dentist',
      due: { dateTime: timedAt, timeZone: 'Europe/Paris' },
      reminders: [
        { type: 'relative', minutesBefore: 15 },
        { type: 'absolute', at: instantFrom(3, '06:00', 'Europe/Paris').toUTC().toISO() },
      ],
    });
    const done = await ada.create({ title: 'Done already', due: { date: dateFrom(2) } });
    expect((await ada.call('POST', `/api/tasks/${done.id}/complete`, undefined, { 'if-match': '"1"' })).status).toBe(
      200,
    );
    await ada.create({ title: 'No due date' });

    const path = await ada.newFeed();
    const res = await fetchFeed(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const text = await res.text();
    expect(text).toContain('X-WR-CALNAME:Daybook');
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);

    const events = await eventsOf(path);
    expect(Object.keys(events).sort()).toEqual([`${allDay.id}@daybook`, `${timed.id}@daybook`].sort());

    const day = events[`${allDay.id}@daybook`]!;
    expect(day.datetype).toBe('date');
    expect(day.summary).toBe('Renew passport, the long way round');
    expect(day.description).toBe('Bring photos; the old one');
    expect(day.start.toISOString().slice(0, 10)).toBe(allDayDate);
    // Due at the end of the day: an hour before is 23:00 of that day, 23 hours after its start.
    expect(day.alarms?.map(triggerOf)).toEqual(['PT23H']);

    const appointment = events[`${timed.id}@daybook`]!;
    expect(appointment.datetype).toBe('date-time');
    expect(appointment.start.toISOString()).toBe(timed.dueAt);
    expect(appointment.alarms?.map(triggerOf)).toEqual(['-PT15M', '-PT3H30M']);

    // Unchanged: the same ETag, and a 304 to a client that has it.
    const etag = res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await fetchFeed(path, { 'if-none-match': etag })).status).toBe(304);
  });

  test('shows when it was made; regenerate stops the old URL; revoke stops it all', async () => {
    const bo = person();
    expect((await bo.call('GET', '/api/tasks/calendar-feed')).status).toBe(404);
    const first = await bo.newFeed();
    const seen = await bo.call('GET', '/api/tasks/calendar-feed');
    expect(seen.status).toBe(200);
    expect(seen.body.tokenHint).toBe(first.slice(-8, -4));
    expect(JSON.stringify(seen.body)).not.toContain(first.slice(21, -4));

    const second = await bo.newFeed();
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);

    expect((await bo.call('DELETE', '/api/tasks/calendar-feed')).status).toBe(204);
    expect((await fetchFeed(second)).status).toBe(404);
    expect((await bo.call('DELETE', '/api/tasks/calendar-feed')).status).toBe(404);
  });

  test("each token sees only its owner's tasks; unknown and malformed tokens are 404s", async () => {
    const cy = person();
    const di = person();
    const mine = await cy.create({ title: 'Cy’s', due: { date: dateFrom(1) } });
    await di.create({ title: 'Di’s', due: { date: dateFrom(1) } });
    expect(Object.keys(await eventsOf(await cy.newFeed()))).toEqual([`${mine.id}@daybook`]);

    expect((await fetchFeed(`/api/tasks/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetchFeed('/api/tasks/calendar/not-a-token.ics')).status).toBe(404);
    expect((await fetchFeed(`/api/tasks/calendar/${'A'.repeat(43)}.json`)).status).toBe(404);
    // The settings need a sign-in, unlike the feed.
    expect((await fetch(`${tasks.baseUrl}/api/tasks/calendar-feed`, { method: 'POST' })).status).toBe(401);
  });

  test('the token is in no log line, whether the feed is served or refused', async () => {
    const eve = person();
    await eve.create({ title: 'Logged?', due: { date: dateFrom(1) } });
    const path = await eve.newFeed();
    const token = path.slice('/api/tasks/calendar/'.length, -'.ics'.length);
    expect((await fetchFeed(path)).status).toBe(200);
    await eve.newFeed();
    expect((await fetchFeed(path)).status).toBe(404);
    // Both requests logged (by route template), then the whole log is searched.
    const feedLines = () =>
      readFileSync(tasks.process.logFile, 'utf8')
        .split('\n')
        .filter((line) => line.includes('"route":"/api/tasks/calendar/:file"'));
    await waitFor('the feed requests in the log', () => feedLines().length >= 2);
    expect(readFileSync(tasks.process.logFile, 'utf8')).not.toContain(token);
  });
});
