import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { FieldProblem } from '@daybook/service-kit';
import { MAX_DEPTH } from './subtasks';
import { PRIORITIES, dueInput, recurrenceInput, reminderInput, type ReminderInput } from './task-input';

/** More rows than this is not one person's task list: the file is refused whole. */
export const MAX_IMPORT_TASKS = 5000;

/** What an import writes, whatever file it came from: lists and tags by name, tasks referring to them. */
export interface ImportPlan {
  lists: string[];
  tags: { name: string; color: string | null }[];
  /** In the person's order within each list (an import goes after what a list already has). */
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
  /** The index in `tasks` of the task this one is a subtask of (null: a top-level task). */
  parent: number | null;
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
  // The hierarchy and the order: ids are the file's own (replaced on import).
  id: z.uuid().optional(),
  parentId: z.uuid().optional(),
  position: z.string().min(1).max(200).optional(),
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

/**
 * Reads the tasks part of our export, naming each wrong task (`body.data.tasks.3.due`).
 * Subtasks keep their parents (by the file's ids) and each list its order (by position).
 */
export function readDaybookExport(data: unknown): ImportRead {
  const file = daybookExport.safeParse(data);
  if (!file.success) return { problems: problemsOf(file.error, 'body.data') };
  const listName = new Map(file.data.lists.map((l) => [l.id, l.name]));
  const problems: FieldProblem[] = [];
  const read: { at: string; task: z.infer<typeof exportedTask> }[] = [];
  file.data.tasks.forEach((raw, i) => {
    const at = `body.data.tasks.${i}`;
    const parsed = exportedTask.safeParse(raw);
    if (!parsed.success) return problems.push(...problemsOf(parsed.error, at));
    if (parsed.data.listId && !listName.has(parsed.data.listId))
      problems.push({ field: `${at}.listId`, message: 'no such list in the file' });
    read.push({ at, task: parsed.data });
  });
  if (problems.length) return { problems };

  const byId = new Map<string, number>();
  read.forEach(({ at, task }, i) => {
    if (!task.id) return;
    if (byId.has(task.id)) problems.push({ field: `${at}.id`, message: 'another task of the file has this id' });
    else byId.set(task.id, i);
  });
  read.forEach(({ at, task }) => {
    if (task.parentId === undefined) return;
    if (!byId.has(task.parentId))
      return problems.push({ field: `${at}.parentId`, message: 'no such task in the file' });
    const problem = nestingOf(task.parentId, (id) => {
      const i = byId.get(id);
      return i === undefined ? undefined : read[i]!.task.parentId;
    });
    if (problem) problems.push({ field: `${at}.parentId`, message: problem });
  });
  if (problems.length) return { problems };

  // Each list's order is its tasks' positions (byte order, as the service sorts them); a
  // file without them (written before manual order existed) keeps its own order.
  const order = read.map((_, i) => i);
  if (read.every((r) => r.task.position !== undefined)) {
    const key = (i: number) => read[i]!.task.position!;
    order.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a - b));
  }
  const indexOf = new Map(order.map((fileIndex, planIndex) => [fileIndex, planIndex]));
  const tasks: ImportedTask[] = order.map((fileIndex) => {
    const t = read[fileIndex]!.task;
    return {
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
      parent: t.parentId === undefined ? null : indexOf.get(byId.get(t.parentId)!)!,
    };
  });
  return { plan: { lists: file.data.lists.map((l) => l.name), tags: file.data.tags, tasks, warnings: [] } };
}

/**
 * Why a task cannot go under `parentId` in the file, or undefined: a loop of parents, or
 * deeper than MAX_DEPTH levels. `parentOf` gives each task's parent id.
 */
function nestingOf(parentId: string, parentOf: (id: string) => string | undefined): string | undefined {
  const seen = new Set<string>();
  let levels = 1;
  for (let id: string | undefined = parentId; id !== undefined; id = parentOf(id)) {
    if (seen.has(id)) return 'a task cannot be a subtask of itself or of its own subtasks';
    seen.add(id);
    levels += 1;
    if (levels > MAX_DEPTH) return `subtasks nest at most ${MAX_DEPTH} levels deep`;
  }
  return undefined;
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
 * (`listName`, the project the file is of), in the file's order, their @labels tags; a
 * note row is appended to the task above it; sections and the meta row are skipped.
 * INDENT nests: 1 (or none) is a top-level task, 2 a subtask of the nearest task above
 * at 1, and so on, at most MAX_DEPTH; a deeper one, or one that skips a level, is named.
 * Row numbers are the file's lines as a spreadsheet shows them (the header is row 1).
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
  /** The index in `tasks` of the last task read at each level (1 first), for INDENT. */
  const lastAt: number[] = [];
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
    const indent = todoistIndent(r.INDENT ?? '', lastAt.length);
    if (typeof indent === 'string') problems.push({ field: `${row}.INDENT`, message: indent });
    const level = typeof indent === 'number' ? indent : 1;
    lastAt.length = level - 1;
    const parent = level > 1 ? lastAt[level - 2]! : null;
    lastAt.push(tasks.length);
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
      parent,
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

/**
 * A task's level from Todoist's INDENT (1 when empty), or why it is wrong: `levels` is how
 * many levels the tasks above it reach (the deepest it may go is one below them).
 */
function todoistIndent(text: string, levels: number): number | string {
  if (text === '') return 1;
  if (!/^\d+$/.test(text) || Number(text) < 1) return `must be a whole number from 1 (not "${text}")`;
  const indent = Number(text);
  if (indent > MAX_DEPTH) return `subtasks nest at most ${MAX_DEPTH} levels deep (INDENT ${indent})`;
  if (indent > levels + 1)
    return levels === 0
      ? `INDENT ${indent} needs a task at INDENT ${indent - 1} above it`
      : `INDENT ${indent} skips a level: the task above is at INDENT ${levels}`;
  return indent;
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
