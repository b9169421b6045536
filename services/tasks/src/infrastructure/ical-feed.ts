import ical, { ICalAlarmType, ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';
import type { TaskRecord } from '../domain/task-view';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How often calendar apps are asked to refresh (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 60 * 60;

/**
 * The user's open due tasks as an iCalendar (RFC 5545) feed, by ical-generator (which
 * escapes and folds lines). A date-only due is an all-day event; a timed one is at its
 * instant, written in UTC: every client shows it at the right time in its own zone, with
 * no VTIMEZONE to ship. DTSTAMP is the task's last change, so an unchanged feed renders
 * byte for byte the same and its ETag holds.
 */
export function renderCalendarFeed(tasks: TaskRecord[], name: string): string {
  const calendar = ical({
    name,
    prodId: { company: 'Daybook', product: 'Tasks', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: FEED_REFRESH_SECONDS,
  });
  for (const task of tasks) {
    const allDay = !task.dueDateTime && task.dueDate !== null;
    const start = allDay ? DateTime.fromISO(task.dueDate!, { zone: 'utc' }) : DateTime.fromJSDate(task.dueAt!);
    const event = calendar.createEvent({
      id: `${task.id}@daybook`,
      start,
      ...(allDay ? { allDay: true } : { end: start }),
      summary: task.title,
      ...(task.notes ? { description: task.notes } : {}),
      stamp: task.updatedAt,
      lastModified: task.updatedAt,
      created: task.createdAt,
      categories: task.tags.map(({ tag }) => ({ name: tag.name })),
    });
    // Triggers relative to the event's start, at the instant the reminder fires: an absolute
    // trigger in a zone-less all-day event would be read in whatever zone the client is in.
    // A date-only task is due at the end of its day, its all-day event starts a day earlier.
    const startsAt = task.dueAt!.getTime() + (allDay ? 1 - DAY_MS : 0);
    for (const reminder of task.reminders) {
      const firesAt =
        reminder.type === 'absolute'
          ? reminder.at!.getTime()
          : task.dueAt!.getTime() - reminder.minutesBefore! * 60_000;
      event.createAlarm({
        type: ICalAlarmType.display,
        trigger: Math.round((startsAt - firesAt) / 1000),
        description: task.title,
      });
    }
  }
  return calendar.toString();
}
