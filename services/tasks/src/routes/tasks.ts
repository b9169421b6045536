import { Router } from 'express';
import { z } from 'zod';
import { notFound, validate, type ServiceKit } from '@daybook/service-kit';
import { dayWindow } from '../domain/due';
import { listQuery, viewQuery } from '../domain/list-query';
import { createTaskInput, updateTaskInput, updateTaskQuery } from '../domain/task-input';
import { toSnapshot } from '../domain/task-view';
import type { Database } from '../infrastructure/database';
import { listTaskIds } from '../infrastructure/task-queries';
import { RESTORE_WINDOW_MS, TaskStore } from '../infrastructure/task-store';
import { etag, expectedVersion } from './if-match';

export const taskParams = z.object({ id: z.uuid('must be a task id (UUID)') }).strict();
export const bulkInput = z
  .object({
    action: z.enum(['complete', 'delete', 'tag', 'untag']),
    ids: z
      .array(z.uuid('must be task ids (UUIDs)'))
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a task'),
    tagIds: z.array(z.uuid('must be tag ids (UUIDs)')).min(1).max(20).optional(),
  })
  .strict()
  .refine((b) => (b.action === 'tag' || b.action === 'untag') === Boolean(b.tagIds), {
    message: 'tagIds is required for tag and untag, and only for them',
    path: ['tagIds'],
  });

/** Task endpoints under /api/tasks (see docs/api.md). */
export function taskRoutes(kit: ServiceKit, db: Database): Router {
  const store = new TaskStore(db, kit);
  const router = Router();
  const page = async (userId: string, ids: string[]) => (await store.getMany(userId, ids)).map(toSnapshot);

  router.get('/api/tasks', async (req, res) => {
    const query = validate(listQuery, req.query, 'query');
    const { ids, nextCursor } = await listTaskIds(db, req.user!.id, query);
    res.json({ items: await page(req.user!.id, ids), nextCursor });
  });

  router.get('/api/tasks/views/today', async (req, res) => {
    const { timeZone, limit } = validate(viewQuery, req.query, 'query');
    const { endOfToday } = dayWindow(timeZone, 0);
    const q = validate(listQuery, { status: 'open', sort: 'due', order: 'asc', limit: String(limit) }, 'query');
    const { ids } = await listTaskIds(db, req.user!.id, q, { dueBefore: endOfToday });
    res.json({ items: await page(req.user!.id, ids), timeZone });
  });

  router.get('/api/tasks/views/upcoming', async (req, res) => {
    const { timeZone, days, limit } = validate(viewQuery, req.query, 'query');
    const { endOfToday, endOfWindow } = dayWindow(timeZone, days);
    const q = validate(listQuery, { status: 'open', sort: 'due', order: 'asc', limit: String(limit) }, 'query');
    const { ids } = await listTaskIds(db, req.user!.id, q, { dueAfter: endOfToday, dueBefore: endOfWindow });
    res.json({ items: await page(req.user!.id, ids), timeZone, days });
  });

  router.post('/api/tasks', async (req, res) => {
    const input = validate(createTaskInput, req.body, 'body');
    const task = await store.create(req.user!.id, input);
    res.status(201).setHeader('etag', etag(task.version)).json(toSnapshot(task));
  });

  router.post('/api/tasks/bulk', async (req, res) => {
    const { action, ids, tagIds } = validate(bulkInput, req.body, 'body');
    const userId = req.user!.id;
    const results = [];
    // One transaction (and one event) per task: a failure on one leaves the others done.
    for (const id of ids) {
      try {
        const task =
          action === 'complete'
            ? await store.complete(userId, id)
            : action === 'delete'
              ? await store.remove(userId, id)
              : await store.retag(userId, id, tagIds!, action);
        results.push({ id, status: 'ok' as const, task: toSnapshot(task) });
      } catch (err) {
        const status = (err as { status?: number }).status;
        if (status === 404) results.push({ id, status: 'not_found' as const });
        else if (status === 409) results.push({ id, status: 'unchanged' as const });
        else throw err;
      }
    }
    res.json({ results });
  });

  router.get('/api/tasks/:id', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    // Another user's task is "not found", never "forbidden": its existence is not revealed.
    const task = await store.get(req.user!.id, id);
    if (!task) throw notFound('task');
    res.setHeader('etag', etag(task.version)).json(toSnapshot(task));
  });

  router.patch('/api/tasks/:id', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    const { scope } = validate(updateTaskQuery, req.query, 'query');
    const input = validate(updateTaskInput, req.body, 'body');
    const task = await store.update(req.user!.id, id, expectedVersion(req, true), input, scope);
    res.setHeader('etag', etag(task.version)).json(toSnapshot(task));
  });

  router.post('/api/tasks/:id/complete', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    const task = await store.complete(req.user!.id, id, expectedVersion(req, true));
    res.setHeader('etag', etag(task.version)).json(toSnapshot(task));
  });

  router.post('/api/tasks/:id/reopen', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    const task = await store.reopen(req.user!.id, id, expectedVersion(req, true));
    res.setHeader('etag', etag(task.version)).json(toSnapshot(task));
  });

  router.delete('/api/tasks/:id', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    const task = await store.remove(req.user!.id, id, expectedVersion(req, false));
    const restorableUntil = new Date(task.deletedAt!.getTime() + RESTORE_WINDOW_MS).toISOString();
    res.json({ task: toSnapshot(task), restorableUntil });
  });

  router.post('/api/tasks/:id/restore', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    const task = await store.restore(req.user!.id, id);
    res.setHeader('etag', etag(task.version)).json(toSnapshot(task));
  });

  return router;
}
