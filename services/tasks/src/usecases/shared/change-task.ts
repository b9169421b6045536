import type {
  SeriesScope,
  taskCompleted,
  taskDeleted,
  taskReopened,
  taskRestored,
  taskUpdated,
} from '@daybook/contracts';
import { Conflict, NotFound } from '@daybook/service-kit';
import { toSnapshot, type TaskRecord } from '../../domain/task-view';
import type { Tx } from '../../infrastructure/database';
import type { Publish, PublishAlong } from '../../infrastructure/outbox';
import { json, type Json, type TaskColumns, type TaskStore } from '../../infrastructure/task-store';

/** The events of a change to an existing task: each carries the task before and after. */
export type TaskChangeEvent =
  typeof taskUpdated | typeof taskCompleted | typeof taskReopened | typeof taskDeleted | typeof taskRestored;

/** What one change does, decided from the task as it was (locked). */
export interface TaskChange {
  columns: TaskColumns;
  /** The change rewrote tags or reminders (they are read back). */
  relationsChanged?: boolean;
  /** For a task in a series: how far the edit reaches (updated events only). */
  scope?: SeriesScope;
  /** The task as the event shows it before the change, when part of the change came first. */
  shownBefore?: TaskRecord;
}

export interface ChangeTarget {
  userId: string;
  id: string;
  /** The version the caller read (If-Match): a change of another version is a Conflict. */
  expectedVersion?: number | undefined;
  /** Changes deleted tasks too (they are read-only otherwise). */
  allowDeleted?: boolean;
}

export type ChangeTask = (
  tx: Tx,
  target: ChangeTarget,
  event: TaskChangeEvent,
  change: (before: TaskRecord) => Promise<TaskChange>,
) => Promise<TaskRecord>;

/**
 * The one way an existing task changes, inside the caller's transaction: lock the user's
 * task, check it may change (not deleted, still the version the caller read), apply the
 * change, bump the version, and write exactly one event with the task before and after.
 */
export function taskChanger(deps: {
  tasks: Pick<TaskStore, 'lock' | 'update' | 'updateStatement'>;
  publish: Publish;
  publishAlong: PublishAlong;
}): ChangeTask {
  const { tasks, publish, publishAlong } = deps;
  return async (tx, { userId, id, expectedVersion, allowDeleted }, event, change) => {
    const before = await tasks.lock(tx, userId, id);
    if (before.deletedAt && !allowDeleted) throw new NotFound('task');
    if (expectedVersion !== undefined && before.version !== expectedVersion) {
      throw new Conflict(
        `task has changed: version ${before.version} on the server, ${expectedVersion} in If-Match`,
        toSnapshot(before),
      );
    }
    const { columns, relationsChanged, scope, shownBefore } = await change(before);
    const eventData = (after: TaskRecord) => ({
      before: toSnapshot(shownBefore ?? before),
      task: toSnapshot(after),
      ...(scope ? { scope } : {}),
    });
    // The hot path: a change of plain columns is written with its event in one statement.
    const plain = relationsChanged ? undefined : tasks.updateStatement(before, columns, new Date());
    if (plain) {
      const { rows } = await publishAlong<TaskChangeEvent, { version: number; subtasks: Json<{ status: string }[]> }>(
        tx,
        plain.statement,
        event,
        eventData(plain.after),
        { subject: id },
      );
      const [written] = rows;
      if (written?.version !== plain.after.version) throw new Error(`task ${id} was not updated as locked`);
      // Its subtasks as the statement saw them (the lock's read may predate a subtask committed meanwhile).
      return {
        ...plain.after,
        subtasks: written.subtasks === undefined ? plain.after.subtasks : json(written.subtasks),
      };
    }
    const after = await tasks.update(tx, before, columns, relationsChanged ?? false);
    await publish(tx, event, eventData(after), { subject: id });
    return after;
  };
}
