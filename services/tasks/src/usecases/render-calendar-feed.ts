import { NotFound } from '@daybook/service-kit';
import { FEED_TOKEN_PATTERN, feedTokenMatches, hashFeedToken } from '../domain/feed-token';
import type { TaskRecord } from '../domain/task-view';
import type { CalendarFeedStore } from '../infrastructure/calendar-feed-store';
import type { TaskStore } from '../infrastructure/task-store';

/**
 * The calendar behind a feed token: the owner's open due tasks, rendered by `render`.
 * An unknown or revoked token is a NotFound, as is a malformed one (without a lookup).
 */
export function renderCalendarFeedOf(deps: {
  feeds: Pick<CalendarFeedStore, 'byTokenHash'>;
  tasks: Pick<TaskStore, 'openDue'>;
  render: (tasks: TaskRecord[], name: string) => string;
}) {
  const { feeds, tasks, render } = deps;
  return async (token: string): Promise<string> => {
    if (!FEED_TOKEN_PATTERN.test(token)) throw new NotFound('calendar feed');
    const feed = await feeds.byTokenHash(hashFeedToken(token));
    // The index finds the row by hash; the constant-time comparison is the actual check.
    if (!feed || !feedTokenMatches(token, feed.tokenHash)) throw new NotFound('calendar feed');
    return render(await tasks.openDue(feed.userId), 'Daybook');
  };
}
