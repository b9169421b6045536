// A task's history entry in words a person reads: who, when, and what changed, field by
// field ("Due changed from Mon 3 Mar 2026, 09:00 to Tue 4 Mar 2026, 10:30"). The audit
// service gives each entry's before / after and its field-level diff; this says them.
import type { AuditEntry, Task, TaskList } from '../../api/types';
import { instantLabel, wallClockLabel } from '../../lib/dates';

export interface DescribedEntry {
  id: string;
  /** "You", or "Daybook" for a change a service made (a series' next occurrence, …). */
  who: string;
  /** When it happened (ISO), and as shown in the user's zone. */
  at: string;
  when: string;
  /** What happened: "Edited the task", "Marked it done", … */
  headline: string;
  /** One sentence per changed field, in the order a person scans a task. */
  lines: { field: string; text: string }[];
}

const HEADLINES: Record<string, string> = {
  'daybook.task.created.v1': 'Created the task',
  'daybook.task.updated.v1': 'Edited the task',
  'daybook.task.completed.v1': 'Marked it done',
  'daybook.task.reopened.v1': 'Reopened it',
  'daybook.task.deleted.v1': 'Deleted it',
  'daybook.task.restored.v1': 'Restored it',
  'daybook.task.moved.v1': 'Moved it in its list',
};

/** Bookkeeping a person does not edit, or that another field already says (dueAt is due's instant). */
const UNSHOWN = new Set([
  'id',
  'userId',
  'version',
  'createdAt',
  'updatedAt',
  'dueAt',
  'completedAt',
  'deletedAt',
  // A fractional index says nothing to a person ("Moved it in its list" does).
  'position',
]);
const ORDER = [
  'title',
  'status',
  'priority',
  'due',
  'tags',
  'listId',
  'notes',
  'reminders',
  'recurrence',
  'seriesId',
  'parentId',
];

type TaskFields = Partial<Task>;
type Due = NonNullable<Task['due']>;
type Reminder = Task['reminders'][number];
type Tag = Task['tags'][number];

export interface DescribeOptions {
  /** The signed-in user's id: their own changes are "You". */
  me: string;
  timeZone: string;
  /** The user's lists, to name a task's list. */
  lists: Pick<TaskList, 'id' | 'name'>[];
}

/** "Mon 3 Mar 2026" for a calendar date (no time zone: it is the same day everywhere). */
export function dateLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** When a task is due, as written: a date, or a wall-clock time (its zone named when not the user's). */
export function dueLabel(due: Due | null | undefined, timeZone: string): string {
  if (!due) return 'no due date';
  if ('date' in due) return dateLabel(due.date);
  const label = wallClockLabel(due.dateTime);
  return due.timeZone === timeZone ? label : `${label} (${due.timeZone.replace(/_/g, ' ')})`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

export function reminderLabel(reminder: Reminder, timeZone: string): string {
  if (reminder.type === 'absolute') return `at ${instantLabel(reminder.at, timeZone)}`;
  const m = reminder.minutesBefore;
  if (m === 0) return 'when due';
  if (m % 1440 === 0) return `${plural(m / 1440, 'day')} before`;
  if (m % 60 === 0) return `${plural(m / 60, 'hour')} before`;
  return `${plural(m, 'minute')} before`;
}

const FREQUENCIES: Record<string, [string, string]> = {
  DAILY: ['day', 'daily'],
  WEEKLY: ['week', 'weekly'],
  MONTHLY: ['month', 'monthly'],
  YEARLY: ['year', 'yearly'],
};

/** A repeat rule in brief: "weekly", "every 2 months", "never". */
export function repeatLabel(recurrence: Task['recurrence'] | undefined): string {
  if (!recurrence) return 'never';
  const parts = Object.fromEntries(recurrence.rrule.split(';').map((p) => p.split('=') as [string, string]));
  const freq = FREQUENCIES[parts.FREQ ?? ''];
  if (!freq) return recurrence.rrule;
  const interval = Number(parts.INTERVAL ?? 1);
  return interval > 1 ? `every ${interval} ${freq[0]}s` : freq[1];
}

const quoted = (s: unknown) => `“${String(s ?? '')}”`;
const listOf = (items: string[]) => (items.length ? items.join(', ') : 'none');

function tagsSentence(before: Tag[] = [], after: Tag[] = []): string {
  const ids = (tags: Tag[]) => new Set(tags.map((t) => t.id));
  const added = after.filter((t) => !ids(before).has(t.id)).map((t) => t.name);
  const removed = before.filter((t) => !ids(after).has(t.id)).map((t) => t.name);
  const parts = [
    ...(added.length ? [`added ${added.join(', ')}`] : []),
    ...(removed.length ? [`removed ${removed.join(', ')}`] : []),
  ];
  return parts.length
    ? `Tags: ${parts.join('; ')}`
    : `Tags changed from ${listOf(before.map((t) => t.name))} to ${listOf(after.map((t) => t.name))}`;
}

/** One sentence for one changed field, from the task before and after. */
function fieldSentence(field: string, before: TaskFields, after: TaskFields, opts: DescribeOptions): string {
  const listName = (id: string | null | undefined) =>
    id ? (opts.lists.find((l) => l.id === id)?.name ?? 'a list since deleted') : 'no list';
  switch (field) {
    case 'title':
      return `Title changed from ${quoted(before.title)} to ${quoted(after.title)}`;
    case 'status':
      return `Status changed from ${before.status} to ${after.status}`;
    case 'priority':
      return `Priority changed from ${before.priority} to ${after.priority}`;
    case 'due':
      if (!before.due) return `Due set to ${dueLabel(after.due, opts.timeZone)}`;
      if (!after.due) return `Due date removed (was ${dueLabel(before.due, opts.timeZone)})`;
      return `Due changed from ${dueLabel(before.due, opts.timeZone)} to ${dueLabel(after.due, opts.timeZone)}`;
    case 'tags':
      return tagsSentence(before.tags, after.tags);
    case 'listId':
      return `Moved from ${listName(before.listId)} to ${listName(after.listId)}`;
    case 'notes':
      return !before.notes ? 'Notes added' : !after.notes ? 'Notes cleared' : 'Notes edited';
    case 'reminders': {
      const labels = (r: Reminder[] = []) => listOf(r.map((x) => reminderLabel(x, opts.timeZone)));
      return `Reminders changed from ${labels(before.reminders)} to ${labels(after.reminders)}`;
    }
    case 'recurrence':
      return `Repeat changed from ${repeatLabel(before.recurrence)} to ${repeatLabel(after.recurrence)}`;
    case 'seriesId':
      return after.seriesId ? 'Became part of a repeating series' : 'Left its repeating series';
    case 'parentId':
      return after.parentId ? 'Became a subtask' : 'Became a task of its own';
    default:
      return `${field} changed`;
  }
}

/** The top-level fields an entry changed, in display order. */
function changedFields(entry: AuditEntry, before: TaskFields, after: TaskFields): string[] {
  const fields = entry.changes
    ? entry.changes.map((c) => c.path.split('.')[0]!)
    : // Entries written before diffs were kept: compare the two sides here.
      [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
        (k) =>
          JSON.stringify((before as Record<string, unknown>)[k]) !==
          JSON.stringify((after as Record<string, unknown>)[k]),
      );
  const shown = [...new Set(fields)].filter((f) => !UNSHOWN.has(f));
  const rank = (f: string) => (ORDER.includes(f) ? ORDER.indexOf(f) : ORDER.length);
  return shown.sort((a, b) => rank(a) - rank(b));
}

function whoDid(actor: string | null, me: string): string {
  if (actor === `user:${me}`) return 'You';
  if (actor?.startsWith('service:')) return 'Daybook';
  return 'Someone';
}

export function describeTaskEntry(entry: AuditEntry, opts: DescribeOptions): DescribedEntry {
  const before = (entry.before ?? {}) as TaskFields;
  const after = (entry.after ?? {}) as TaskFields;
  const created = entry.eventType === 'daybook.task.created.v1';
  const lines = created
    ? [
        { field: 'title', text: `Title ${quoted(after.title)}` },
        ...(after.due ? [{ field: 'due', text: `Due ${dueLabel(after.due, opts.timeZone)}` }] : []),
        ...(after.priority && after.priority !== 'none'
          ? [{ field: 'priority', text: `Priority ${after.priority}` }]
          : []),
        ...(after.tags?.length ? [{ field: 'tags', text: `Tags ${listOf(after.tags.map((t) => t.name))}` }] : []),
      ]
    : changedFields(entry, before, after).map((field) => ({
        field,
        text: fieldSentence(field, before, after, opts),
      }));
  return {
    id: entry.id,
    who: whoDid(entry.actor, opts.me),
    at: entry.occurredAt,
    when: instantLabel(entry.occurredAt, opts.timeZone),
    headline: HEADLINES[entry.eventType] ?? entry.eventType,
    lines,
  };
}
