import { listCreated, tagCreated, taskCreated, type TaskSnapshot } from '@daybook/contracts';
import { generateNKeysBetween } from 'fractional-indexing';
import { templateOf } from '../domain/series';
import { organiserSnapshot } from '../domain/lists-and-tags';
import { recurrenceColumns } from '../domain/task-changes';
import { toSnapshot } from '../domain/task-view';
import { readDaybookExport, readTodoistCsv, type ImportPlan } from '../domain/import-file';
import type { Tag } from '../generated/prisma/client';
import type { Transact } from '../infrastructure/database';
import type { ListStore } from '../infrastructure/list-store';
import type { TagStore } from '../infrastructure/tag-store';
import type { Publish } from '../infrastructure/outbox';
import type { SeriesStore } from '../infrastructure/series-store';
import type { TaskStore } from '../infrastructure/task-store';
import type { UserSettingsStore } from '../infrastructure/user-settings-store';
import type { Tx } from '../infrastructure/database';
import { InvalidFields } from './shared/invalid-fields';
import type { ResolveDue } from './shared/resolve-due';

export type ImportRequest =
  | { format: 'daybook'; data: unknown; dryRun?: boolean | undefined }
  | { format: 'todoist-csv'; csv: string; listName?: string | null | undefined; dryRun?: boolean | undefined };

export interface ImportResult {
  dryRun: boolean;
  lists: number;
  tags: number;
  tasks: number;
  /** The first tasks as they will be (or were) written, for the person to check. */
  preview: Pick<TaskSnapshot, 'title' | 'priority' | 'due' | 'status'>[];
  warnings: { field: string; message: string }[];
}

/** Long files are many writes: one transaction still, given time to finish. */
const IMPORT_TIMEOUT_MS = 120_000;

/**
 * A person imports a file (a Todoist CSV export or our own JSON export): every row is
 * read first, and a file with any wrong row is refused whole (InvalidFields naming each
 * row and field). Otherwise one transaction writes it all: lists and tags are matched by
 * name (case aside) or made, each task is created as a person creates one (events, a
 * series for an open recurring one), subtasks under their parents, each list's imported
 * tasks after the ones it had, in the file's order. `dryRun` reads and previews without writing.
 */
export function importTasks(deps: {
  transact: Transact;
  tasks: Pick<TaskStore, 'insert' | 'lastPosition'>;
  series: Pick<SeriesStore, 'create'>;
  lists: Pick<ListStore, 'named' | 'create'>;
  tags: Pick<TagStore, 'named' | 'create'>;
  settings: Pick<UserSettingsStore, 'timeZoneOf'>;
  resolveDue: ResolveDue;
  publish: Publish;
}) {
  const { transact, tasks, series, lists, tags, settings, resolveDue, publish } = deps;
  return async (userId: string, request: ImportRequest): Promise<ImportResult> => {
    const zone = (await transact((tx) => settings.timeZoneOf(tx, userId))) ?? 'UTC';
    const read =
      request.format === 'daybook'
        ? readDaybookExport(request.data)
        : readTodoistCsv(request.csv, request.listName ?? null, zone);
    if ('problems' in read) {
      InvalidFields.check(read.problems);
      throw new Error('unreachable: problems without a problem');
    }
    const plan = read.plan;
    const result: ImportResult = {
      dryRun: Boolean(request.dryRun),
      lists: plan.lists.length,
      tags: plan.tags.length,
      tasks: plan.tasks.length,
      preview: plan.tasks
        .slice(0, 20)
        .map((t) => ({ title: t.title, priority: t.priority, due: t.due, status: t.status })),
      warnings: plan.warnings,
    };
    if (request.dryRun) return result;
    await transact((tx) => write(tx, userId, plan), { timeout: IMPORT_TIMEOUT_MS });
    return result;
  };

  async function write(tx: Tx, userId: string, plan: ImportPlan): Promise<void> {
    const listIds = await namesToIds(
      plan.lists,
      (names) => lists.named(tx, userId, names),
      async (name) => {
        const list = await lists.create(tx, userId, { name, color: null });
        await publish(tx, listCreated, { list: organiserSnapshot(list) }, { subject: list.id });
        return list;
      },
    );
    const tagColors = new Map(plan.tags.map((t) => [t.name.toLowerCase(), t.color]));
    const tagNames = [...new Set([...plan.tags.map((t) => t.name), ...plan.tasks.flatMap((t) => t.tags)])];
    const tagsByName = new Map<string, Tag>();
    for (const tag of await tags.named(tx, userId, tagNames)) tagsByName.set(tag.name.toLowerCase(), tag);
    for (const name of tagNames) {
      if (tagsByName.has(name.toLowerCase())) continue;
      const tag = await tags.create(tx, userId, { name, color: tagColors.get(name.toLowerCase()) ?? null });
      await publish(tx, tagCreated, { tag: organiserSnapshot(tag) }, { subject: tag.id });
      tagsByName.set(name.toLowerCase(), tag);
    }
    const listIdOf = (t: ImportPlan['tasks'][number]) => (t.list ? (listIds.get(t.list.toLowerCase()) ?? null) : null);
    // Each list's positions, in the plan's order, after the tasks the list already has.
    const positions = new Map<number, string>();
    const byList = new Map<string | null, number[]>();
    plan.tasks.forEach((t, i) => byList.set(listIdOf(t), [...(byList.get(listIdOf(t)) ?? []), i]));
    for (const [listId, indices] of byList) {
      const keys = generateNKeysBetween(await tasks.lastPosition(tx, userId, listId), null, indices.length);
      indices.forEach((i, n) => positions.set(i, keys[n]!));
    }
    // Parents before their subtasks: by depth, then in the plan's order.
    const depth = (i: number): number => (plan.tasks[i]!.parent === null ? 0 : 1 + depth(plan.tasks[i]!.parent!));
    const inserted = new Map<number, string>();
    const order = plan.tasks.map((_, i) => i).sort((a, b) => depth(a) - depth(b) || a - b);
    for (const i of order) {
      const t = plan.tasks[i]!;
      // A completed task is history: it keeps no rule, so no series restarts from it.
      const recurrence = t.status === 'open' ? t.recurrence : null;
      const task = await tasks.insert(
        tx,
        {
          userId,
          position: positions.get(i)!,
          parentId: t.parent === null ? null : inserted.get(t.parent)!,
          title: t.title,
          notes: t.notes,
          priority: t.priority,
          status: t.status,
          completedAt: t.completedAt,
          listId: listIdOf(t),
          ...(await resolveDue(tx, userId, t.due)),
          ...recurrenceColumns(recurrence),
        },
        t.tags.map((name) => tagsByName.get(name.toLowerCase())!),
        t.reminders,
      );
      inserted.set(i, task.id);
      if (task.recurrenceRule) await series.create(tx, { seriesId: task.id, ...templateOf(task) });
      await publish(tx, taskCreated, { task: toSnapshot(task) }, { subject: task.id });
    }
  }
}
export type ImportTasks = ReturnType<typeof importTasks>;

/** Each name's id (keyed by its lower case): the person's existing one, else a new one. */
async function namesToIds(
  names: string[],
  existing: (names: string[]) => Promise<{ id: string; name: string }[]>,
  create: (name: string) => Promise<{ id: string; name: string }>,
): Promise<Map<string, string>> {
  const ids = new Map((await existing(names)).map((r) => [r.name.toLowerCase(), r.id]));
  for (const name of names) if (!ids.has(name.toLowerCase())) ids.set(name.toLowerCase(), (await create(name)).id);
  return ids;
}
