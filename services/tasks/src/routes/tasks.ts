import { Router } from 'express';
import { z } from 'zod';
import { validate } from '@daybook/service-kit';
import { listQuery, viewQuery } from '../domain/list-query';
import { restorableUntil } from '../domain/restore-window';
import { completeTaskInput, createTaskInput, updateTaskInput, updateTaskQuery } from '../domain/task-input';
import { toView } from '../domain/task-view';
import type { UseCases } from '../app';
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

/** Where a task goes in its list: next to another task of it (exactly one of the two). */
export const moveInput = z
  .object({
    before: z.uuid('must be a task id (UUID)').optional(),
    after: z.uuid('must be a task id (UUID)').optional(),
  })
  .strict()
  .refine((b) => (b.before === undefined) !== (b.after === undefined), {
    message: 'give exactly one of before and after: the task to put it next to',
    path: ['before'],
  })
  .meta({ description: 'The task of the same list to put it just before, or just after (exactly one)' });

/** Task endpoints under /api/tasks (see docs/api.md). */
export function taskRoutes(
  useCases: Pick<
    UseCases,
    | 'listTasks'
    | 'viewToday'
    | 'viewUpcoming'
    | 'createTask'
    | 'bulkChangeTasks'
    | 'getTask'
    | 'editTask'
    | 'completeTask'
    | 'reopenTask'
    | 'deleteTask'
    | 'restoreTask'
    | 'moveTask'
  >,
): Router {
  const uc = useCases;
  const router = Router();

  router.get('/api/tasks', async (req, res) => {
    const query = validate(listQuery, req.query, 'query');
    const { items, nextCursor } = await uc.listTasks(req.user!.id, query);
    res.json({ items: items.map(toView), nextCursor });
  });

  router.get('/api/tasks/views/today', async (req, res) => {
    const { timeZone, limit } = validate(viewQuery, req.query, 'query');
    const items = await uc.viewToday(req.user!.id, timeZone, limit);
    res.json({ items: items.map(toView), timeZone });
  });

  router.get('/api/tasks/views/upcoming', async (req, res) => {
    const { timeZone, days, limit } = validate(viewQuery, req.query, 'query');
    const items = await uc.viewUpcoming(req.user!.id, timeZone, days, limit);
    res.json({ items: items.map(toView), timeZone, days });
  });

  router.post('/api/tasks', async (req, res) => {
    const input = validate(createTaskInput, req.body, 'body');
    const task = await uc.createTask(req.user!.id, input);
    res.status(201).setHeader('etag', etag(task.version)).json(toView(task));
  });

  router.post('/api/tasks/bulk', async (req, res) => {
    const { action, ids, tagIds } = validate(bulkInput, req.body, 'body');
    // The schema has checked that tagIds comes with tag and untag, and only with them.
    const change = action === 'tag' || action === 'untag' ? { action, tagIds: tagIds! } : { action };
    const results = await uc.bulkChangeTasks(req.user!.id, ids, change);
    res.json({
      results: results.map((r) => (r.status === 'ok' ? { id: r.id, status: r.status, task: toView(r.task) } : r)),
    });
  });

  router.get('/api/tasks/:id', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    const task = await uc.getTask(req.user!.id, id);
    res.setHeader('etag', etag(task.version)).json(toView(task));
  });

  router.patch('/api/tasks/:id', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    const { scope } = validate(updateTaskQuery, req.query, 'query');
    const input = validate(updateTaskInput, req.body, 'body');
    const task = await uc.editTask(req.user!.id, id, expectedVersion(req, true), input, scope);
    res.setHeader('etag', etag(task.version)).json(toView(task));
  });

  router.post('/api/tasks/:id/complete', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    // No body (or an empty one) completes the task alone.
    const options = validate(completeTaskInput, req.body ?? {}, 'body');
    const task = await uc.completeTask(req.user!.id, id, expectedVersion(req, true), options);
    res.setHeader('etag', etag(task.version)).json(toView(task));
  });

  router.post('/api/tasks/:id/reopen', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    const task = await uc.reopenTask(req.user!.id, id, expectedVersion(req, true));
    res.setHeader('etag', etag(task.version)).json(toView(task));
  });

  router.post('/api/tasks/:id/move', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    const { before, after } = validate(moveInput, req.body ?? {}, 'body');
    // The schema has checked that exactly one is given.
    const target = before !== undefined ? { before } : { after: after! };
    const task = await uc.moveTask(req.user!.id, id, target, expectedVersion(req, false));
    res.setHeader('etag', etag(task.version)).json(toView(task));
  });

  router.delete('/api/tasks/:id', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    const task = await uc.deleteTask(req.user!.id, id, expectedVersion(req, false));
    res.json({ task: toView(task), restorableUntil: restorableUntil(task.deletedAt!).toISOString() });
  });

  router.post('/api/tasks/:id/restore', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    const task = await uc.restoreTask(req.user!.id, id);
    res.setHeader('etag', etag(task.version)).json(toView(task));
  });

  return router;
}
