import type { Tx } from '../infrastructure/database';
import type { CalendarFeedStore } from '../infrastructure/calendar-feed-store';
import type { ListStore } from '../infrastructure/list-store';
import type { SeriesStore } from '../infrastructure/series-store';
import type { TagStore } from '../infrastructure/tag-store';
import type { TaskStore } from '../infrastructure/task-store';
import type { UserSettingsStore } from '../infrastructure/user-settings-store';

/**
 * An account was deleted: remove everything of that user's (tasks with their tags and
 * reminders, series templates, tags, lists, settings, calendar feed). Runs in the event's transaction.
 */
export function forgetUser(deps: {
  tasks: Pick<TaskStore, 'deleteAllOf'>;
  series: Pick<SeriesStore, 'deleteAllOf'>;
  tags: Pick<TagStore, 'deleteAllOf'>;
  lists: Pick<ListStore, 'deleteAllOf'>;
  settings: Pick<UserSettingsStore, 'deleteAllOf'>;
  feeds: Pick<CalendarFeedStore, 'deleteAllOf'>;
}) {
  const { tasks, series, tags, lists, settings, feeds } = deps;
  return async (tx: Tx, userId: string): Promise<void> => {
    await tasks.deleteAllOf(tx, userId);
    await series.deleteAllOf(tx, userId);
    await tags.deleteAllOf(tx, userId);
    await lists.deleteAllOf(tx, userId);
    await settings.deleteAllOf(tx, userId);
    await feeds.deleteAllOf(tx, userId);
  };
}
export type ForgetUser = ReturnType<typeof forgetUser>;
