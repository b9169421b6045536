import { taskUpdated } from '@daybook/contracts';
import { InvalidInput } from '@daybook/service-kit';
import { MAX_TAGS } from '../domain/task-input';
import type { TaskRecord } from '../domain/task-view';
import type { Transact } from '../infrastructure/database';
import type { TaskStore } from '../infrastructure/task-store';
import type { ChangeTask } from './shared/change-task';
import type { CheckReferences } from './shared/check-references';

/**
 * Tags a task with the user's tags (up to MAX_TAGS in all), or takes tags off it, with one
 * `updated` event. Used by the bulk action on many tasks.
 */
export function retagTask(deps: {
  transact: Transact;
  tasks: Pick<TaskStore, 'addTags' | 'removeTags'>;
  changeTask: ChangeTask;
  checkReferences: CheckReferences;
}) {
  const { transact, tasks, changeTask, checkReferences } = deps;
  return (userId: string, id: string, tagIds: string[], mode: 'tag' | 'untag'): Promise<TaskRecord> =>
    transact((tx) =>
      changeTask(tx, { userId, id }, taskUpdated, async (before) => {
        await checkReferences(tx, userId, tagIds, undefined);
        if (mode === 'tag') {
          const current = new Set(before.tags.map((t) => t.tagId));
          const added = tagIds.filter((t) => !current.has(t));
          if (current.size + added.length > MAX_TAGS) {
            throw new InvalidInput('body.tagIds', `a task has at most ${MAX_TAGS} tags`);
          }
          if (added.length) await tasks.addTags(tx, id, added);
        } else {
          await tasks.removeTags(tx, id, tagIds);
        }
        return { columns: {}, relationsChanged: true };
      }),
    );
}
export type RetagTask = ReturnType<typeof retagTask>;
