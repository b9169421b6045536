// The editor's form model: a task as editable values, back to the API's input, and the
// per-field comparison the conflict dialog needs.
import type { Priority, Recurrence, RecurrenceMode, ReminderInput, Task, TaskPatch } from '../../api/types';
import { isoToLocalInput, localInputToIso } from '../../lib/dates';

export type ReminderUnit = 'minutes' | 'hours' | 'days';
export type DraftReminder =
  { key: string; type: 'absolute'; at: string } | { key: string; type: 'relative'; amount: number; unit: ReminderUnit };

export interface Draft {
  title: string;
  notes: string;
  priority: Priority;
  tagIds: string[];
  listId: string;
  dueKind: 'none' | 'date' | 'dateTime';
  date: string;
  dateTime: string;
  timeZone: string;
  reminders: DraftReminder[];
  rrule: string;
  mode: RecurrenceMode;
  /** '' = the server's default. */
  missed: '' | 'create' | 'skip';
  exdates: string[];
}

const UNIT_MINUTES: Record<ReminderUnit, number> = { minutes: 1, hours: 60, days: 1440 };
let keys = 0;
export const newKey = () => `r${++keys}`;

export function emptyDraft(timeZone: string): Draft {
  return {
    title: '',
    notes: '',
    priority: 'none',
    tagIds: [],
    listId: '',
    dueKind: 'none',
    date: '',
    dateTime: '',
    timeZone,
    reminders: [],
    rrule: '',
    mode: 'fixed-schedule',
    missed: '',
    exdates: [],
  };
}

export function draftFromTask(t: Task, timeZone: string): Draft {
  const due = t.due;
  return {
    title: t.title,
    notes: t.notes,
    priority: t.priority,
    tagIds: t.tags.map((x) => x.id),
    listId: t.listId ?? '',
    dueKind: !due ? 'none' : 'date' in due ? 'date' : 'dateTime',
    date: due && 'date' in due ? due.date : '',
    dateTime: due && 'dateTime' in due ? due.dateTime.slice(0, 16) : '',
    // A date-only due may carry a time zone too.
    timeZone: due?.timeZone ?? timeZone,
    reminders: t.reminders.map((r) => {
      if (r.type === 'absolute') return { key: newKey(), type: 'absolute', at: isoToLocalInput(r.at) };
      const unit: ReminderUnit =
        r.minutesBefore > 0 && r.minutesBefore % 1440 === 0
          ? 'days'
          : r.minutesBefore > 0 && r.minutesBefore % 60 === 0
            ? 'hours'
            : 'minutes';
      return { key: newKey(), type: 'relative', amount: r.minutesBefore / UNIT_MINUTES[unit], unit };
    }),
    rrule: t.recurrence?.rrule ?? '',
    mode: t.recurrence?.mode ?? 'fixed-schedule',
    missed: t.recurrence?.missed ?? '',
    exdates: [...(t.recurrence?.exdates ?? [])],
  };
}

/** Every writable field, with the values the API takes. */
// Where a task sits (its parent) is changed by moving it, not in the editor.
export type FieldValues = Required<Omit<TaskPatch, 'parentId'>>;
export const FIELDS: (keyof FieldValues)[] = [
  'title',
  'notes',
  'priority',
  'tagIds',
  'listId',
  'due',
  'reminders',
  'recurrence',
];
export const FIELD_LABELS: Record<keyof FieldValues, string> = {
  title: 'Title',
  notes: 'Notes',
  priority: 'Priority',
  tagIds: 'Tags',
  listId: 'List',
  due: 'Due',
  reminders: 'Reminders',
  recurrence: 'Repeat',
};

export function draftToInput(d: Draft): FieldValues {
  const dateTime = d.dateTime.length === 16 ? `${d.dateTime}:00` : d.dateTime;
  return {
    title: d.title.trim(),
    notes: d.notes,
    priority: d.priority,
    tagIds: [...d.tagIds],
    listId: d.listId || null,
    due:
      d.dueKind === 'date' && d.date
        ? { date: d.date }
        : d.dueKind === 'dateTime' && d.dateTime
          ? { dateTime, timeZone: d.timeZone }
          : null,
    reminders: d.reminders
      .filter((r) => (r.type === 'absolute' ? !!r.at : Number.isFinite(r.amount)))
      .map((r): ReminderInput =>
        r.type === 'absolute'
          ? { type: 'absolute', at: localInputToIso(r.at) }
          : { type: 'relative', minutesBefore: Math.round(r.amount * UNIT_MINUTES[r.unit]) },
      ),
    recurrence: d.rrule.trim()
      ? recurrenceInput({
          rrule: d.rrule.trim().replace(/^RRULE:/i, ''),
          mode: d.mode,
          missed: d.missed || undefined,
          exdates: d.exdates,
        })
      : null,
  };
}

/** A recurrence as sent: `missed` only on a fixed schedule, `exdates` only when there are some. */
function recurrenceInput(r: Recurrence): Recurrence {
  const out: Recurrence = { rrule: r.rrule, mode: r.mode };
  if (r.mode === 'fixed-schedule' && r.missed) out.missed = r.missed;
  if (r.exdates?.length) out.exdates = [...r.exdates].sort();
  return out;
}

export function taskToInput(t: Task): FieldValues {
  const dueTime = t.due && 'dateTime' in t.due ? t.due.dateTime : '';
  return {
    title: t.title,
    notes: t.notes,
    priority: t.priority,
    tagIds: t.tags.map((x) => x.id),
    listId: t.listId,
    due: !t.due
      ? null
      : 'date' in t.due
        ? { date: t.due.date }
        : { dateTime: dueTime.length === 16 ? `${dueTime}:00` : dueTime, timeZone: t.due.timeZone },
    reminders: t.reminders.map((r) =>
      r.type === 'absolute'
        ? { type: 'absolute', at: new Date(r.at).toISOString() }
        : { type: 'relative', minutesBefore: r.minutesBefore },
    ),
    recurrence: t.recurrence ? recurrenceInput(t.recurrence) : null,
  };
}

const canonical = (field: keyof FieldValues, v: unknown) =>
  JSON.stringify(field === 'tagIds' && Array.isArray(v) ? [...v].sort() : (v ?? null));

export function sameValue(field: keyof FieldValues, a: unknown, b: unknown): boolean {
  return canonical(field, a) === canonical(field, b);
}

/** The fields the draft changed compared with the task it started from. */
export function changedFields(original: Task, d: Draft): TaskPatch {
  const before = taskToInput(original);
  const after = draftToInput(d);
  const patch: Record<string, unknown> = {};
  for (const f of FIELDS) if (!sameValue(f, before[f], after[f])) patch[f] = after[f];
  return patch as TaskPatch;
}

/** The draft's own keys behind each API field. */
const DRAFT_KEYS: Record<keyof FieldValues, (keyof Draft)[]> = {
  title: ['title'],
  notes: ['notes'],
  priority: ['priority'],
  tagIds: ['tagIds'],
  listId: ['listId'],
  due: ['dueKind', 'date', 'dateTime', 'timeZone'],
  reminders: ['reminders'],
  recurrence: ['rrule', 'mode', 'missed', 'exdates'],
};

/** The fields whose values differ between two versions of a task. */
export function fieldsChangedBetween(before: Task, after: Task): (keyof FieldValues)[] {
  const a = taskToInput(before);
  const b = taskToInput(after);
  return FIELDS.filter((f) => !sameValue(f, a[f], b[f]));
}

/**
 * "Keep mine" when the task changed elsewhere while it was open: the newer version, with the
 * fields I changed (since `original`) set to my values. Their changes to the other fields stay.
 */
export function rebaseDraft(original: Task, draft: Draft, theirs: Task, timeZone: string): Draft {
  const mine = changedFields(original, draft);
  const base = draftFromTask(theirs, timeZone);
  const out: Record<string, unknown> = { ...base };
  for (const f of Object.keys(mine) as (keyof FieldValues)[]) for (const k of DRAFT_KEYS[f]) out[k] = draft[k];
  return out as unknown as Draft;
}
