import { Router } from 'express';
import { z } from 'zod';
import { validate } from '@daybook/service-kit';
import type { UseCases } from '../app';
import {
  calendarQuery,
  createEntryInput,
  importEntriesInput,
  listEntriesQuery,
  settingsInput,
  updateEntryInput,
} from '../domain/entry-input';
import { toEntryView, toInsightView } from '../domain/entry-view';
import { etag, expectedVersion } from './if-match';

export const entryParams = z.object({ id: z.uuid('must be an entry id (UUID)') }).strict();
export const insightParams = z.object({ id: z.uuid('must be an insight id (UUID)') }).strict();
export const suggestionParams = z
  .object({ id: z.uuid('must be an insight id (UUID)'), suggestionId: z.uuid('must be a suggestion id (UUID)') })
  .strict();
export const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();

/** Journal endpoints under /api/journal (see docs/api.md). */
export function journalRoutes(uc: UseCases): Router {
  const router = Router();

  router.get('/api/journal/export', async (req, res) => {
    const entries = await uc.exportJournal(req.user!.id);
    res.set('Cache-Control', 'no-store').json({ entries: entries.map(toEntryView) });
  });

  router.post('/api/journal/import', async (req, res) => {
    const input = validate(importEntriesInput, req.body, 'body');
    res.status(201).json({ imported: await uc.importEntries(req.user!.id, input) });
  });

  router.get('/api/journal/entries', async (req, res) => {
    const query = validate(listEntriesQuery, req.query, 'query');
    const { items, nextCursor } = await uc.listEntries(req.user!.id, query);
    res.json({ items: items.map(toEntryView), nextCursor });
  });

  router.post('/api/journal/entries', async (req, res) => {
    const input = validate(createEntryInput, req.body, 'body');
    const entry = await uc.createEntry(req.user!.id, input);
    res
      .status(201)
      .setHeader('etag', etag(entry.version))
      .json(toEntryView({ ...entry, insight: null }));
  });

  router.get('/api/journal/entries/:id', async (req, res) => {
    const { id } = validate(entryParams, req.params, 'params');
    const entry = await uc.getEntry(req.user!.id, id);
    // The ETag is the entry's version (for If-Match); the insight in the body changes without
    // it, so the body must never be answered from a cache with a 304.
    res.setHeader('cache-control', 'no-store').setHeader('etag', etag(entry.version)).json(toEntryView(entry));
  });

  router.patch('/api/journal/entries/:id', async (req, res) => {
    const { id } = validate(entryParams, req.params, 'params');
    const input = validate(updateEntryInput, req.body, 'body');
    const entry = await uc.editEntry(req.user!.id, id, expectedVersion(req, true), input);
    res.setHeader('etag', etag(entry.version)).json(toEntryView({ ...entry, insight: null }));
  });

  router.delete('/api/journal/entries/:id', async (req, res) => {
    const { id } = validate(entryParams, req.params, 'params');
    const entry = await uc.deleteEntry(req.user!.id, id, expectedVersion(req, false));
    res.setHeader('etag', etag(entry.version)).json(toEntryView({ ...entry, insight: null }));
  });

  router.post('/api/journal/entries/:id/restore', async (req, res) => {
    const { id } = validate(entryParams, req.params, 'params');
    const entry = await uc.restoreEntry(req.user!.id, id);
    res.setHeader('etag', etag(entry.version)).json(toEntryView({ ...entry, insight: null }));
  });

  router.get('/api/journal/calendar', async (req, res) => {
    const query = validate(calendarQuery, req.query, 'query');
    res.json(await uc.viewCalendar(req.user!.id, query));
  });

  router.get('/api/journal/insights', async (req, res) => {
    const { limit } = validate(limitQuery, req.query, 'query');
    const items = await uc.listInsights(req.user!.id, limit);
    res.json({
      items: items.map((i) => ({
        ...toInsightView(i),
        entry: {
          id: i.entry.id,
          writtenAt: i.entry.writtenAt.toISOString(),
          writtenOn: i.entry.writtenOn,
          mood: i.entry.mood,
        },
      })),
    });
  });

  router.delete('/api/journal/insights/:id', async (req, res) => {
    const { id } = validate(insightParams, req.params, 'params');
    await uc.deleteInsight(req.user!.id, id);
    res.status(204).end();
  });

  router.post('/api/journal/insights/:id/suggestions/:suggestionId/task', async (req, res) => {
    const { id, suggestionId } = validate(suggestionParams, req.params, 'params');
    const result = await uc.turnSuggestionIntoTask(req.user!.id, id, suggestionId);
    res.status(202).json(result);
  });

  router.get('/api/journal/reviews', async (req, res) => {
    const { limit } = validate(limitQuery, req.query, 'query');
    const items = await uc.listWeeklyReviews(req.user!.id, limit);
    res.json({
      items: items.map((r) => ({
        id: r.id,
        weekStart: r.weekStart,
        themes: r.themes,
        moodTrend: r.moodTrend,
        entryIds: r.entryIds,
        streak: r.streak,
        createdAt: r.createdAt.toISOString(),
      })),
    });
  });

  router.get('/api/journal/settings', async (req, res) => {
    res.json(await uc.viewJournalSettings(req.user!.id));
  });

  router.patch('/api/journal/settings', async (req, res) => {
    const input = validate(settingsInput, req.body, 'body');
    res.json(await uc.changeJournalSettings(req.user!.id, input));
  });

  return router;
}
