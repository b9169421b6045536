import { z } from 'zod';
import { existsInZone } from './due';
import { ianaTimeZone, isIanaZone, recurrenceRule } from '@daybook/contracts';

export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export const MAX_TAGS = 20;
export const MAX_REMINDERS = 10;
export const MAX_MINUTES_BEFORE = 525_600; // one year

export const dueInput = z.union([
  z.object({ date: z.iso.date('must be a date (YYYY-MM-DD)'), timeZone: ianaTimeZone.optional() }).strict(),
  z
    .object({
      dateTime: z.iso.datetime({ local: true, message: 'must be a local date-time (YYYY-MM-DDTHH:mm[:ss])' }),
      timeZone: ianaTimeZone,
    })
    .strict()
    .refine((d) => !isIanaZone(d.timeZone) || existsInZone(d.dateTime, d.timeZone), {
      message: 'this local time does not exist in that time zone (skipped by a daylight-saving change)',
      path: ['dateTime'],
    }),
]);

export const reminderInput = z.union([
  z
    .object({ type: z.literal('absolute'), at: z.iso.datetime({ offset: true, message: 'must be an ISO instant' }) })
    .strict(),
  z
    .object({
      type: z.literal('relative'),
      minutesBefore: z.number().int().min(0).max(MAX_MINUTES_BEFORE, 'must be at most one year (525600 minutes)'),
    })
    .strict(),
]);
export type ReminderInput = z.infer<typeof reminderInput>;

export const recurrenceInput = z
  .object({
    rrule: recurrenceRule,
    mode: z.enum(['after-completion', 'fixed-schedule']),
    missed: z.enum(['create', 'skip']).optional(),
    exdates: z
      .array(z.iso.date('must be dates (YYYY-MM-DD)'))
      .max(100, 'at most 100 skipped dates')
      .refine((d) => new Set(d).size === d.length, 'must not repeat a date')
      .optional(),
  })
  .strict()
  .refine((r) => r.missed === undefined || r.mode === 'fixed-schedule', {
    message: 'only a fixed-schedule series has missed occurrences',
    path: ['missed'],
  });
export type RecurrenceInput = z.infer<typeof recurrenceInput>;

const title = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
const notes = z.string().max(20_000, 'must be at most 20000 characters');
const uuid = (what: string) => z.uuid(`must be a ${what} id (UUID)`);

const fields = {
  title,
  notes: notes.optional(),
  priority: z.enum(PRIORITIES).optional(),
  tagIds: z
    .array(uuid('tag'))
    .max(MAX_TAGS, `at most ${MAX_TAGS} tags`)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a tag')
    .optional(),
  listId: uuid('list').nullable().optional(),
  due: dueInput.nullable().optional(),
  reminders: z.array(reminderInput).max(MAX_REMINDERS, `at most ${MAX_REMINDERS} reminders`).optional(),
  recurrence: recurrenceInput.nullable().optional(),
  /** The task this one is a subtask of (one of the user's; null makes it top-level). */
  parentId: uuid('task').nullable().optional(),
};

/** A relative reminder or a recurrence rule needs a due date to count from. */
function needsDue(
  value: { due?: unknown; reminders?: { type: string }[] | undefined; recurrence?: unknown },
  ctx: z.RefinementCtx,
  dueKnown: boolean,
) {
  if (dueKnown) return;
  value.reminders?.forEach((r, i) => {
    if (r.type === 'relative')
      ctx.addIssue({
        code: 'custom',
        path: ['reminders', i],
        message: 'a reminder relative to the due date needs a due date',
      });
  });
  if (value.recurrence)
    ctx.addIssue({ code: 'custom', path: ['recurrence'], message: 'a recurring task needs a due date' });
}

export const createTaskInput = z
  .object(fields)
  .strict()
  .superRefine((v, ctx) => {
    needsDue(v, ctx, Boolean(v.due));
    remindersWithinSeries(v, ctx);
  });
export type CreateTaskInput = z.infer<typeof createTaskInput>;

/** Partial update: any subset of the fields; `null` clears a clearable one. */
export const updateTaskInput = z
  .object({ ...fields, title: title.optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'must change at least one field');
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;

/** Body of POST /api/tasks/:id/complete (optional). */
export const completeTaskInput = z
  .object({
    completeSubtasks: z
      .boolean()
      .optional()
      .describe('Also complete its open subtasks (at any depth), in the same transaction. Default: false.'),
  })
  .strict();
export type CompleteTaskInput = z.infer<typeof completeTaskInput>;

/** `?scope=` of an edit: for a task in a series, this occurrence only or this and later ones. */
export const updateTaskQuery = z
  .object({
    scope: z
      .enum(['this', 'future'], { error: 'must be "this" or "future"' })
      .optional()
      .describe(
        'For a task in a series: "this" edits this occurrence only; "future" edits it and every later occurrence (the series template too). Default: "future" for the latest occurrence, "this" for older ones.',
      ),
  })
  .strict();

/** The instant a rule's UNTIL names (`20261231T235959Z` or `20261231`), if it has one. */
export function seriesEnd(rrule: string): Date | undefined {
  const m = /(?:^|;)UNTIL=(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?/.exec(rrule);
  if (!m) return undefined;
  const [, y, mo, d, h = '23', mi = '59', se = '59'] = m;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${se}Z`);
}

/** An absolute reminder after the series has ended could never belong to an occurrence. */
function remindersWithinSeries(
  value: { reminders?: { type: string; at?: string }[] | undefined; recurrence?: { rrule: string } | null | undefined },
  ctx: z.RefinementCtx,
) {
  const end = value.recurrence ? seriesEnd(value.recurrence.rrule) : undefined;
  if (!end) return;
  value.reminders?.forEach((r, i) => {
    if (r.type === 'absolute' && r.at && new Date(r.at) > end) {
      ctx.addIssue({
        code: 'custom',
        path: ['reminders', i, 'at'],
        message: `is after the series ends (UNTIL ${end.toISOString()})`,
      });
    }
  });
}

export { needsDue, remindersWithinSeries };
