import { tagDeleted, taskUpdated } from '@daybook/contracts';
import { NotFound } from '@daybook/service-kit';
import { organiserSnapshot } from '../domain/lists-and-tags';
import { MANY_TASKS_TIMEOUT_MS, type Transact } from '../infrastructure/database';
import type { Publish } from '../infrastructure/outbox';
import type { TagStore } from '../infrastructure/tag-store';
import type { TaskStore } from '../infrastructure/task-store';
import type { ChangeTask } from './shared/change-task';

/**
 * A person deletes a tag. Every task of theirs that has it (deleted ones too: they can be
 * restored) loses it first, each with its own `updated` event, so no consumer keeps a
 * stale copy. The tag's own `deleted` event comes last.
 */
export function deleteTag(deps: {
  transact: Transact;
  tags: Pick<TagStore, 'lock' | 'delete'>;
  tasks: Pick<TaskStore, 'idsWithTag' | 'removeTags'>;
  changeTask: ChangeTask;
  publish: Publish;
}) {
  const { transact, tags, tasks, changeTask, publish } = deps;
  return (userId: string, id: string): Promise<void> =>
    transact(
      async (tx) => {
        const tag = await tags.lock(tx, userId, id);
        if (!tag) throw new NotFound('tag');
        for (const taskId of await tasks.idsWithTag(tx, userId, id)) {
          await changeTask(tx, { userId, id: taskId, allowDeleted: true }, taskUpdated, async () => {
            await tasks.removeTags(tx, taskId, [id]);
            return { columns: {}, relationsChanged: true };
          });
        }
        await tags.delete(tx, id);
        await publish(tx, tagDeleted, { tag: organiserSnapshot(tag) }, { subject: id });
      },
      { timeout: MANY_TASKS_TIMEOUT_MS },
    );
}
export type DeleteTag = ReturnType<typeof deleteTag>;
