import { createHash } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { NotFound, validate } from '@daybook/service-kit';
import type { UseCases } from '../app';
import { FEED_REFRESH_SECONDS } from '../infrastructure/ical-feed';

export const FEED_PATH = '/api/tasks/calendar';
export const feedParams = z.object({ file: z.string().max(100) }).strict();

/** The URL path of a feed: what a calendar app subscribes to (the web app adds its origin). */
const feedPath = (token: string) => `${FEED_PATH}/${token}.ics`;

const feedView = (f: { createdAt: Date; tokenHint: string }) => ({
  createdAt: f.createdAt.toISOString(),
  tokenHint: f.tokenHint,
});

/**
 * The token is the credential of a feed URL: the kit's error handler logs the URL of a
 * failing request, so the token is masked out of it before anything can fail. (The
 * request log already names the route template, not the URL.)
 */
const maskToken: RequestHandler = (req, _res, next) => {
  req.originalUrl = `${FEED_PATH}/[token].ics`;
  next();
};

/** The calendar feed itself: no sign-in, the secret token in the path is the credential. */
export function calendarFeedRoute(useCases: Pick<UseCases, 'renderCalendarFeed'>): Router {
  const router = Router();
  router.get(`${FEED_PATH}/:file`, maskToken, async (req, res) => {
    const { file } = validate(feedParams, req.params, 'params');
    if (!file.endsWith('.ics')) throw new NotFound('calendar feed');
    const body = await useCases.renderCalendarFeed(file.slice(0, -'.ics'.length));
    // Private: the feed is one person's tasks. The body is stable while nothing changes, so
    // its hash is the ETag, and a client that has it gets a 304 without the body.
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    res.set('Cache-Control', `private, max-age=${Math.round(FEED_REFRESH_SECONDS / 4)}`);
    res.set('ETag', etag);
    const known = (req.header('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (known.includes(etag)) {
      res.status(304).end();
      return;
    }
    res.set('Content-Disposition', 'inline; filename="daybook.ics"');
    res.type('text/calendar; charset=utf-8').send(body);
  });
  return router;
}

/** The caller's feed: see it, make or regenerate it (the URL is shown then only), revoke it. */
export function calendarFeedSettingsRoutes(
  useCases: Pick<UseCases, 'showCalendarFeed' | 'regenerateCalendarFeed' | 'revokeCalendarFeed'>,
): Router {
  const router = Router();
  router.get('/api/tasks/calendar-feed', async (req, res) => {
    res.json(feedView(await useCases.showCalendarFeed(req.user!.id)));
  });
  router.post('/api/tasks/calendar-feed', async (req, res) => {
    const feed = await useCases.regenerateCalendarFeed(req.user!.id);
    res.set('Cache-Control', 'no-store');
    res.status(201).json({ ...feedView(feed), path: feedPath(feed.token) });
  });
  router.delete('/api/tasks/calendar-feed', async (req, res) => {
    await useCases.revokeCalendarFeed(req.user!.id);
    res.status(204).end();
  });
  return router;
}
