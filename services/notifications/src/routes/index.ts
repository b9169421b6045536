import express, { Router, type RequestHandler } from 'express';
import { openApiRouter, validate } from '@daybook/service-kit';
import type { ChangeNotification, ItemChange, MarkAll } from '../usecases/manage-inbox';
import type { GetPreferences, Unsubscribe, UpdatePreferences } from '../usecases/manage-preferences';
import type { CountNotifications, ListInbox } from '../usecases/read-inbox';
import { idParams, inboxQuery, preferencesInput, snoozeBody, unsubscribeQuery } from './inputs';
import { notificationsOpenApi } from './openapi';
import { view } from './views';

export interface NotificationRoutesDeps {
  requireUser: RequestHandler;
  listInbox: ListInbox;
  countNotifications: CountNotifications;
  changeNotification: ChangeNotification;
  markAll: MarkAll;
  getPreferences: GetPreferences;
  updatePreferences: UpdatePreferences;
  unsubscribe: Unsubscribe;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Daybook: unsubscribe</title></head>` +
  `<body style="font-family:sans-serif;max-width:32em;margin:3em auto">${body}</body></html>`;

/** The caller's inbox and preferences under /api/notifications; unsubscribe needs no sign-in. */
export function routes(deps: NotificationRoutesDeps): Router {
  const router = Router();
  const base = '/api/notifications';
  // The document is public, like every service's (before the sign-in check below).
  router.use(openApiRouter('notifications', notificationsOpenApi()));

  // RFC 8058: the link in List-Unsubscribe works without signing in. GET (a person clicking
  // the link) only shows a confirmation form: mail scanners prefetch links; POST acts.
  router.get(`${base}/unsubscribe`, (req, res) => {
    const { token } = validate(unsubscribeQuery, req.query, 'query');
    res
      .type('html')
      .send(
        page(
          `<p>Stop these emails from Daybook?</p><form method="post" action="${base}/unsubscribe?token=${encodeURIComponent(token)}">` +
            `<input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
        ),
      );
  });
  router.post(`${base}/unsubscribe`, express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const { token } = validate(unsubscribeQuery, req.query, 'query');
    const { category } = await deps.unsubscribe(token);
    if (req.accepts(['html', 'json']) === 'json') res.json({ unsubscribed: category });
    else res.type('html').send(page(`<p>Done: no more ${escapeHtml(category)} emails.</p>`));
  });

  router.use(base, deps.requireUser);

  router.get(`${base}/inbox`, async (req, res) => {
    const q = validate(inboxQuery, req.query, 'query');
    const page = await deps.listInbox({ userId: req.user!.id, ...q });
    res.json({ items: page.items.map(view), nextCursor: page.nextCursor, counts: page.counts });
  });
  router.get(`${base}/counts`, async (req, res) => {
    res.json(await deps.countNotifications(req.user!.id));
  });
  router.post(`${base}/inbox/seen`, async (req, res) => {
    res.json(await deps.markAll(req.user!.id, 'seen'));
  });
  router.post(`${base}/inbox/read-all`, async (req, res) => {
    res.json(await deps.markAll(req.user!.id, 'read'));
  });
  router.get(`${base}/preferences`, async (req, res) => {
    res.json(await deps.getPreferences(req.user!.id));
  });
  router.put(`${base}/preferences`, async (req, res) => {
    const { timeZone: _readOnly, ...preferences } = validate(preferencesInput, req.body, 'body');
    res.json(await deps.updatePreferences(req.user!.id, preferences));
  });

  const changes: Record<string, ItemChange> = {
    read: 'read',
    unread: 'unread',
    archive: 'archive',
    unarchive: 'unarchive',
  };
  for (const [action, change] of Object.entries(changes)) {
    router.post(`${base}/:id/${action}`, async (req, res) => {
      const { id } = validate(idParams, req.params, 'params');
      const result = await deps.changeNotification(req.user!.id, id, change);
      res.json({ notification: view(result.notification), counts: result.counts });
    });
  }
  router.post(`${base}/:id/snooze`, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    const { until } = validate(snoozeBody, req.body, 'body');
    const result = await deps.changeNotification(req.user!.id, id, { snoozeUntil: new Date(until) });
    res.json({ notification: view(result.notification), counts: result.counts });
  });
  return router;
}
