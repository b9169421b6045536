import { taskUpdated, type SeriesScope } from '@daybook/contracts';
import { InvalidInput } from '@daybook/service-kit';
import type { SeriesTemplate } from '../generated/prisma/client';
import { editScope, seriesEditProblem, sharedWithLater, templateChanges, templateOf } from '../domain/series';
import { editColumns, editProblems } from '../domain/task-changes';
import type { UpdateTaskInput } from '../domain/task-input';
import type { TaskRecord } from '../domain/task-view';
import { MANY_TASKS_TIMEOUT_MS, type Transact, type Tx } from '../infrastructure/database';
import type { SeriesStore } from '../infrastructure/series-store';
import type { TaskStore } from '../infrastructure/task-store';
import type { ChangeTask, TaskChange } from './shared/change-task';
import type { CheckReferences } from './shared/check-references';
import { InvalidFields } from './shared/invalid-fields';
import type { PlaceUnder } from './shared/place-under';
import type { ResolveDue } from './shared/resolve-due';

/**
 * A person edits a task (any subset of its fields) at the version they read. For a task in
 * a series, `scope` says how far the edit reaches: `this` occurrence only, or `future`:
 * this one, the later occurrences that exist (each keeps its own due date) and the template
 * every next one is copied from. Without a scope, an edit of the latest occurrence is
 * `future` and an edit of an older one is `this`. A task given a rule starts a series.
 * A task moved to another list takes its subtasks with it (an updated event for each);
 * `parentId` moves it under another of the user's tasks (or to the top level with null),
 * never under itself, one of its subtasks or too deep.
 */
export function editTask(deps: {
  transact: Transact;
  tasks: Pick<TaskStore, 'setTags' | 'setReminders' | 'laterInSeries' | 'subtree'>;
  series: Pick<SeriesStore, 'find' | 'create' | 'update'>;
  changeTask: ChangeTask;
  checkReferences: CheckReferences;
  resolveDue: ResolveDue;
  placeUnder: PlaceUnder;
}) {
  const { transact, tasks, series, changeTask, checkReferences, resolveDue, placeUnder } = deps;

  /** The columns (and tag and reminder rows) an edit changes, after checking it as a whole. */
  const apply = async (tx: Tx, userId: string, before: TaskRecord, input: UpdateTaskInput): Promise<TaskChange> => {
    if (input.parentId) await placeUnder(tx, userId, input.parentId, before.id);
    await checkReferences(tx, userId, input.tagIds, input.listId ?? undefined);
    InvalidFields.check(editProblems(before, input));
    const columns = editColumns(input);
    if (input.due !== undefined) Object.assign(columns, await resolveDue(tx, userId, input.due));
    if (input.tagIds !== undefined) await tasks.setTags(tx, before.id, input.tagIds);
    if (input.reminders !== undefined) await tasks.setReminders(tx, before.id, input.reminders);
    return { columns, relationsChanged: input.tagIds !== undefined || input.reminders !== undefined };
  };

  /** A task that moved to another list takes its subtasks (at any depth) along. */
  const carryList = async (tx: Tx, moved: TaskRecord, input: { listId?: string | null | undefined }) => {
    if (input.listId === undefined) return;
    for (const subtask of await tasks.subtree(tx, moved.userId, moved.id)) {
      if (subtask.listId === moved.listId) continue;
      await changeTask(tx, { userId: moved.userId, id: subtask.id }, taskUpdated, async () => ({
        columns: { listId: moved.listId },
      }));
    }
  };

  return (
    userId: string,
    id: string,
    expectedVersion: number,
    input: UpdateTaskInput,
    requestedScope?: SeriesScope,
  ): Promise<TaskRecord> =>
    transact(
      async (tx) => {
        const inSeries: { template?: SeriesTemplate; scope?: SeriesScope } = {};
        const task = await changeTask(tx, { userId, id, expectedVersion }, taskUpdated, async (before) => {
          // Only an occurrence, or a task with a rule, can belong to a series: other edits
          // skip the lookup.
          const template =
            before.seriesId || before.recurrenceRule
              ? await series.find(tx, userId, before.seriesId ?? before.id)
              : null;
          const scope = editScope(template, id, requestedScope);
          const problem = seriesEditProblem(scope, template?.latestTaskId === id, input);
          if (problem) throw new InvalidInput(problem.field, problem.message);
          if (template) Object.assign(inSeries, { template, scope });
          return { ...(await apply(tx, userId, before, input)), scope };
        });
        await carryList(tx, task, input);
        const { template, scope } = inSeries;
        if (template && scope === 'future') {
          const shared = sharedWithLater(input);
          if (Object.keys(shared).length) {
            for (const laterId of await tasks.laterInSeries(tx, template.seriesId, task)) {
              const later = await changeTask(tx, { userId, id: laterId }, taskUpdated, async (before) => ({
                ...(await apply(tx, userId, before, shared)),
                scope: 'future',
              }));
              await carryList(tx, later, shared);
            }
          }
          await series.update(tx, template.seriesId, templateChanges(shared));
        } else if (!template && task.recurrenceRule) {
          // A task that has just been given a rule starts a series of its own.
          await series.create(tx, { seriesId: id, ...templateOf(task) });
        }
        return task;
      },
      { timeout: MANY_TASKS_TIMEOUT_MS },
    );
}
export type EditTask = ReturnType<typeof editTask>;
