import { taskCompleted, taskCreated, taskDeleted, taskUpdated, userDeleted } from '@daybook/contracts';
import type { Subscription } from '@daybook/service-kit';
import type { Kit } from '../app';
import type { ForgetUser } from '../usecases/forget-user';
import type { RequestNextOccurrence } from '../usecases/request-next-occurrence';
import type { TrackSeries } from '../usecases/track-series';

/** The recurring service follows tasks: new series, completions, edits, and deleted accounts. */
export function eventHandlers(
  kit: Kit,
  usecases: { trackSeries: TrackSeries; requestNextOccurrence: RequestNextOccurrence; forgetUser: ForgetUser },
): Subscription[] {
  const { trackSeries, requestNextOccurrence, forgetUser } = usecases;
  return [
    kit.on(taskCreated, (event, { tx }) => trackSeries.created(event.data.task, tx)),
    kit.on(taskCompleted, (event, { tx }) => requestNextOccurrence.execute(event.data.task, tx)),
    kit.on(taskUpdated, (event, { tx }) => trackSeries.changed(event.data.task, tx, event.data.scope)),
    kit.on(taskDeleted, (event, { tx }) => trackSeries.changed(event.data.task, tx)),
    kit.on(userDeleted, (event, { tx }) => forgetUser.execute(event.data.userId, tx)),
  ];
}
