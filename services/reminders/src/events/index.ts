import {
  taskCompleted,
  taskCreated,
  taskDeleted,
  taskReopened,
  taskRestored,
  taskUpdated,
  userDeleted,
} from '@daybook/contracts';
import { on, type ServiceKit, type Subscription } from '@daybook/service-kit';
import type { Tx } from '../infrastructure/database';
import { ReminderScheduler } from '../infrastructure/reminder-scheduler';

/** Every change of a task reconciles its reminder jobs; a deleted account loses them all. */
export function eventHandlers(kit: ServiceKit): Subscription[] {
  const scheduler = new ReminderScheduler(kit);
  const taskEvents = [taskCreated, taskUpdated, taskCompleted, taskReopened, taskDeleted, taskRestored] as const;
  return [
    ...taskEvents.map((contract) => on(contract, (event, { tx }) => scheduler.reconcile(tx as Tx, event.data.task))),
    on(userDeleted, async (event, { tx }) => {
      const db = tx as Tx;
      const rows = await db.scheduledReminder.findMany({ where: { userId: event.data.userId } });
      for (const row of rows) {
        await scheduler.reconcile(db, {
          id: row.taskId,
          userId: row.userId,
          title: row.taskTitle,
          notes: '',
          status: 'done',
          priority: 'none',
          tags: [],
          listId: null,
          due: null,
          dueAt: null,
          reminders: [],
          recurrence: null,
          seriesId: null,
          version: 1,
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
          completedAt: null,
          deletedAt: new Date().toISOString(),
        });
      }
    }),
  ];
}
