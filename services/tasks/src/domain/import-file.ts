import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { FieldProblem } from '@daybook/service-kit';
import { PRIORITIES, dueInput, recurrenceInput, reminderInput, type ReminderInput } from './task-input';

/** More rows than this is not one person's task list: the file is refused whole. */
export const MAX_IMPORT_TASKS = 5000;

/** What an import writes, whatever file it came from: lists and tags by name, tasks referring to them. */
export interface ImportPlan {
  lists: string[];
  tags: { name: string; color: string | null }[];
  tasks: ImportedTask[];
  /** What was read but could not be kept as it was (a Todoist due phrase, kept in the notes). */
  warnings: FieldProblem[];
}
export interface ImportedTask {
  title: string;
  notes: string;
  priority: (typeof PRIORITIES)[number];
  status: 'open' | 'done';
  completedAt: Date | null;
  list: string | null;
  tags: string[];
  due: z.infer<typeof dueInput> | null;
  reminders: ReminderInput[];
  recurrence: z.infer<typeof recurrenceInput> | null;
}

/** The outcome of reading a file: a plan, or every problem found in it (nothing is written). */
export type ImportRead = { plan: ImportPlan } | { problems: FieldProblem[] };

const problemsOf = (error: z.ZodError, prefix: string): FieldProblem[] =>
  error.issues.map((i) => ({ field: [prefix, ...i.path].join('.'), message: i.message }));

// ---- Our own export (GET /api/tasks/export): ids are replaced, names and values kept ----

const exportedTask = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(500),
  notes: z.string().max(20_000).default(''),
  status: z.enum(['open', 'done']).default('open'),
  priority: z.enum(PRIORITIES).default('none'),
  listId: z.uuid().nullable().default(null),
  tags: z
    .array(z.object({ name: z.string().trim().min(1).max(50) }))
    .max(20)
    .default([]),
  due: dueInput.nullable().default(null),
  // The export carries each reminder's id: only its timing is imported.
  reminders: z
    .array(
      z
        .record(z.string(), z.unknown())
        .transform(({ id: _id, ...timing }) => timing)
        .pipe(reminderInput),
    )
    .max(10)
    .default([]),
  recurrence: recurrenceInput.nullable().default(null),
  completedAt: z.iso.datetime({ offset: true }).nullable().default(null),
});
export const daybookExport = z.object({
  lists: z.array(z.object({ id: z.uuid(), name: z.string().trim().min(1).max(100) })).max(1000),
  tags: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(50),
        color: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/)
          .nullable(),
      }),
    )
    .max(1000),
  tasks: z.array(z.unknown()).max(MAX_IMPORT_TASKS, `at most ${MAX_IMPORT_TASKS} tasks`),
});

/** Reads the tasks part of our export, naming each wrong task (`body.data.tasks.3.due`). */
export function readDaybookExport(data: unknown): ImportRead {
  const file = daybookExport.safeParse(data);
  if (!file.success) return { problems: problemsOf(file.error, 'body.data') };
  const listName = new Map(file.data.lists.map((l) => [l.id, l.name]));
  const problems: FieldProblem[] = [];
  const tasks: ImportedTask[] = [];
  file.data.tasks.forEach((raw, i) => {
    const at = `body.data.tasks.${i}`;
    const read = exportedTask.safeParse(raw);
    if (!read.success) return problems.push(...problemsOf(read.error, at));
    const t = read.data;
    if (t.listId && !listName.has(t.listId))
      problems.push({ field: `${at}.listId`, message: 'no such list in the file' });
    tasks.push({
      title: t.title,
      notes: t.notes,
      priority: t.priority,
      status: t.status,
      completedAt: t.status === 'done' ? new Date(t.completedAt ?? Date.now()) : null,
      list: t.listId ? (listName.get(t.listId) ?? null) : null,
      tags: t.tags.map((tag) => tag.name),
      due: t.due,
      reminders: t.reminders,
      recurrence: t.recurrence,
    });
  });
  if (problems.length) return { problems };
  return { plan: { lists: file.data.lists.map((l) => l.name), tags: file.data.tags, tasks, warnings: [] } };
}

// ---- Todoist's CSV export (its template: TYPE, CONTENT, DESCRIPTION, PRIORITY, INDENT, ...) ----

const TODOIST_COLUMNS = ['TYPE', 'CONTENT', 'PRIORITY'] as const;
/**
 * Todoist's PRIORITY is its API's: 4 is the highest (shown as "P1" in its app), 1 the
 * default (shown as "P4").
 */
const TODOIST_PRIORITY: Record<string, ImportedTask['priority']> = {
  '1': 'none',
  '2': 'medium',
  '3': 'high',
  '4': 'urgent',
};
/** Labels in a Todoist title: `@name`, where the name runs to the next space. */
const LABEL = /(^|\s)@([^\s@]{1,50})/g;

/**
 * Reads a Todoist CSV export into a plan: rows of TYPE task become tasks in one list
 * (`listName`, the project the file is of), their @labels tags; a note row is appended
 * to the task above it; sections and the meta row are skipped. Row numbers are the
 * file's lines as a spreadsheet shows them (the header is row 1).
 */
export function readTodoistCsv(csv: string, listName: string | null, userTimeZone: string): ImportRead {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, bom: true, trim: true, relax_column_count: true });
  } catch (err) {
    return { problems: [{ field: 'body.csv', message: `not a CSV file: ${(err as Error).message}` }] };
  }
  const header = records.length ? Object.keys(records[0]!) : [];
  const missing = TODOIST_COLUMNS.filter((c) => !header.includes(c));
  if (records.length === 0 || missing.length)
    return {
      problems: [
        {
          field: 'body.csv',
          message: `not a Todoist export: missing column(s) ${missing.join(', ') || 'TYPE, CONTENT'}`,
        },
      ],
    };
  const taskRows = records.filter((r) => r.TYPE === 'task').length;
  if (taskRows > MAX_IMPORT_TASKS)
    return {
      problems: [{ field: 'body.csv', message: `at most ${MAX_IMPORT_TASKS} tasks (this file has ${taskRows})` }],
    };

  const problems: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  const tasks: ImportedTask[] = [];
  const tags = new Set<string>();
  records.forEach((r, i) => {
    const row = `row ${i + 2}`;
    const type = r.TYPE ?? '';
    if (type === 'section' || type === 'meta' || (type === '' && !r.CONTENT)) return;
    if (type === 'note') {
      const previous = tasks.at(-1);
      if (!previous) return problems.push({ field: `${row}.TYPE`, message: 'a note must follow a task' });
      previous.notes = [previous.notes, r.CONTENT ?? ''].filter(Boolean).join('\n\n');
      return;
    }
    if (type !== 'task')
      return problems.push({ field: `${row}.TYPE`, message: `must be task, note, section or meta (not "${type}")` });

    const labels = [...(r.CONTENT ?? '').matchAll(LABEL)].map((m) => m[2]!);
    const title = (r.CONTENT ?? '').replace(LABEL, '$1').replace(/\s+/g, ' ').trim();
    if (!title) problems.push({ field: `${row}.CONTENT`, message: 'must not be empty' });
    else if (title.length > 500) problems.push({ field: `${row}.CONTENT`, message: 'must be at most 500 characters' });
    const priority = TODOIST_PRIORITY[r.PRIORITY || '1'];
    if (!priority) problems.push({ field: `${row}.PRIORITY`, message: 'must be 1, 2, 3 or 4' });
    const zone = r.TIMEZONE || userTimeZone;
    const due = todoistDue(r.DATE ?? '', zone);
    if (due === 'bad-zone') problems.push({ field: `${row}.TIMEZONE`, message: `unknown time zone "${zone}"` });
    let notes = r.DESCRIPTION ?? '';
    if (due === 'unread') {
      // A phrase such as "every monday": Todoist's own language, kept for the person to redo.
      notes = [notes, `Due in Todoist: ${r.DATE}`].filter(Boolean).join('\n\n');
      warnings.push({ field: `${row}.DATE`, message: `"${r.DATE}" is not a date; kept in the notes` });
    }
    labels.forEach((l) => tags.add(l));
    tasks.push({
      title,
      notes,
      priority: priority ?? 'none',
      status: 'open',
      completedAt: null,
      list: listName,
      tags: [...new Set(labels)],
      due: typeof due === 'object' ? due : null,
      reminders: [],
      recurrence: null,
    });
  });
  if (problems.length) return { problems };
  return {
    plan: {
      lists: listName ? [listName] : [],
      tags: [...tags].map((name) => ({ name, color: null })),
      tasks,
      warnings,
    },
  };
}

/** Todoist writes dates as it shows them; the ISO ones (what its exports carry for dates) are read. */
function todoistDue(text: string, zone: string): ImportedTask['due'] | 'unread' | 'bad-zone' | null {
  if (!text) return null;
  const date = text.match(/^(\d{4}-\d{2}-\d{2})$/);
  const dateTime = text.match(/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2})?$/);
  if (!date && !dateTime) return 'unread';
  const due = date ? { date: date[1]! } : { dateTime: `${dateTime![1]}T${dateTime![2]}`, timeZone: zone };
  const read = dueInput.safeParse(due);
  if (read.success) return read.data;
  return read.error.issues.some((i) => i.path.includes('timeZone')) ? 'bad-zone' : 'unread';
}
