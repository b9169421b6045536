import {
  taskCompleted,
  taskCreated,
  taskDeleted,
  taskReopened,
  taskRestored,
  taskUpdated,
  userDeleted,
} from '@daybook/contracts';
import type { Subscription } from '@daybook/service-kit';
import type { Kit } from '../app';
import type { ForgetUser } from '../usecases/forget-user';
import type { ReconcileReminders } from '../usecases/reconcile-reminders';

const taskEvents = [taskCreated, taskUpdated, taskCompleted, taskReopened, taskDeleted, taskRestored] as const;

/** Every change of a task reconciles its reminder jobs; a deleted account loses them all. */
export function eventHandlers(
  kit: Kit,
  useCases: { reconcileReminders: ReconcileReminders; forgetUser: ForgetUser },
): Subscription[] {
  return [
    ...taskEvents.map((contract) =>
      kit.on(contract, (event, { tx }) => useCases.reconcileReminders(tx, event.data.task)),
    ),
    kit.on(userDeleted, (event, { tx }) => useCases.forgetUser(tx, event.data.userId)),
  ];
}
