import { taskCreated, type EventData, type journalTaskRequested } from '@daybook/contracts';
import { toSnapshot, type TaskRecord } from '../domain/task-view';
import type { Tx } from '../infrastructure/database';
import type { Publish } from '../infrastructure/outbox';
import type { TaskStore } from '../infrastructure/task-store';

/** The notes of a task made from a journal suggestion: where it came from, as a link. */
export const requestedTaskNotes = (request: EventData<typeof journalTaskRequested>) =>
  `From your journal entry: ${request.source.url}`;

/**
 * The journal asks for a task (a suggested follow-up the person turned into one). Runs in the
 * event's transaction. Exactly one task per request id: a request seen before creates
 * nothing (undefined), whether the event is redelivered or replayed with another id.
 */
export function createRequestedTask(deps: { tasks: Pick<TaskStore, 'hasRequest' | 'insert'>; publish: Publish }) {
  const { tasks, publish } = deps;
  return async (tx: Tx, request: EventData<typeof journalTaskRequested>): Promise<TaskRecord | undefined> => {
    const requestKey = `journal:${request.requestId}`;
    if (await tasks.hasRequest(tx, requestKey)) return undefined;
    const task = await tasks.insert(
      tx,
      { userId: request.userId, title: request.title, notes: requestedTaskNotes(request), requestKey },
      [],
      [],
    );
    await publish(tx, taskCreated, { task: toSnapshot(task) }, { subject: task.id });
    return task;
  };
}
export type CreateRequestedTask = ReturnType<typeof createRequestedTask>;
