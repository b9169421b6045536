import { NotFound } from '@daybook/service-kit';
import { feedTokenHint, hashFeedToken, newFeedToken } from '../domain/feed-token';
import type { CalendarFeedStore } from '../infrastructure/calendar-feed-store';

/** What a person sees of their feed: the token itself only when it is made (it is not kept). */
export interface CalendarFeedView {
  createdAt: Date;
  tokenHint: string;
}

/** The person's feed, if they have one. */
export function showCalendarFeed(deps: { feeds: Pick<CalendarFeedStore, 'of'> }) {
  return async (userId: string): Promise<CalendarFeedView> => {
    const feed = await deps.feeds.of(userId);
    if (!feed) throw new NotFound('calendar feed');
    return { createdAt: feed.createdAt, tokenHint: feed.tokenHint };
  };
}

/**
 * Makes the person a new feed token, replacing any previous one (whose URL then answers
 * 404). The token is returned this once: only its hash is stored.
 */
export function regenerateCalendarFeed(deps: { feeds: Pick<CalendarFeedStore, 'save'> }) {
  return async (userId: string): Promise<CalendarFeedView & { token: string }> => {
    const token = newFeedToken();
    const feed = await deps.feeds.save(userId, hashFeedToken(token), feedTokenHint(token));
    return { token, createdAt: feed.createdAt, tokenHint: feed.tokenHint };
  };
}

/** Turns the person's feed off: its URL answers 404 from now on. */
export function revokeCalendarFeed(deps: { feeds: Pick<CalendarFeedStore, 'delete'> }) {
  return async (userId: string): Promise<void> => {
    if (!(await deps.feeds.delete(userId))) throw new NotFound('calendar feed');
  };
}
