import { tagUpdated, taskUpdated } from '@daybook/contracts';
import { NotFound } from '@daybook/service-kit';
import { organiserSnapshot } from '../domain/lists-and-tags';
import type { Tag } from '../generated/prisma/client';
import { MANY_TASKS_TIMEOUT_MS, type Transact } from '../infrastructure/database';
import type { Publish } from '../infrastructure/outbox';
import type { TagStore } from '../infrastructure/tag-store';
import type { TaskStore } from '../infrastructure/task-store';
import type { ChangeTask } from './shared/change-task';

/**
 * A person renames or recolours a tag. Every task of theirs that has it (deleted ones too:
 * they can be restored) gets an `updated` event from the old tag to the new one, so no
 * consumer keeps showing the old name, and a new version, so no cached copy stays current.
 * The tag's own `updated` event comes last.
 */
export function editTag(deps: {
  transact: Transact;
  tags: Pick<TagStore, 'lock' | 'update'>;
  tasks: Pick<TaskStore, 'idsWithTag'>;
  changeTask: ChangeTask;
  publish: Publish;
}) {
  const { transact, tags, tasks, changeTask, publish } = deps;
  return (userId: string, id: string, changes: { name?: string; color?: string | null }): Promise<Tag> =>
    transact(
      async (tx) => {
        const previous = await tags.lock(tx, userId, id);
        if (!previous) throw new NotFound('tag');
        const tag = await tags.update(tx, id, changes);
        for (const taskId of await tasks.idsWithTag(tx, userId, id)) {
          await changeTask(tx, { userId, id: taskId, allowDeleted: true }, taskUpdated, async (before) => ({
            columns: {},
            relationsChanged: true,
            // Read after the rename: the task as it was had the tag as it was.
            shownBefore: { ...before, tags: before.tags.map((t) => (t.tagId === id ? { ...t, tag: previous } : t)) },
          }));
        }
        await publish(
          tx,
          tagUpdated,
          { before: organiserSnapshot(previous), tag: organiserSnapshot(tag) },
          { subject: id },
        );
        return tag;
      },
      { timeout: MANY_TASKS_TIMEOUT_MS },
    );
}
export type EditTag = ReturnType<typeof editTag>;
