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
    on(userDeleted, (event, { tx }) => scheduler.forgetUser(tx as Tx, event.data.userId)),
  ];
}
