import { taskCompleted, taskCreated, taskDeleted, taskUpdated, userDeleted } from '@daybook/contracts';
import { on, type ServiceKit, type Subscription } from '@daybook/service-kit';
import { SeriesKeeper } from './series-keeper';

/** The recurring service follows tasks: new series, completions, edits, and deleted accounts. */
export function eventHandlers(kit: ServiceKit): Subscription[] {
  const keeper = new SeriesKeeper(kit);
  return [
    on(taskCreated, (event, { tx }) => keeper.onTaskCreated(event.data.task, tx)),
    on(taskCompleted, (event, { tx }) => keeper.onTaskCompleted(event.data.task, tx)),
    on(taskUpdated, (event, { tx }) => keeper.onTaskChanged(event.data.task, tx, event.data.scope)),
    on(taskDeleted, (event, { tx }) => keeper.onTaskChanged(event.data.task, tx)),
    on(userDeleted, (event, { tx }) => keeper.onUserDeleted(event.data.userId, tx)),
  ];
}
