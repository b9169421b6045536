import { Router } from 'express';
import { z } from 'zod';
import { taskCreated } from '@daybook/contracts';
import { notFound, validate, type ServiceKit } from '@daybook/service-kit';
import { createTaskInput, newTask, toSnapshot } from '../domain/task';
import type { Database } from '../infrastructure/database';

const taskParams = z.object({ id: z.uuid('must be a task id (UUID)') });

/** Public API of the tasks service, under /api/tasks. */
export function routes(kit: ServiceKit): Router {
  const db = kit.db as unknown as Database;
  const router = Router();
  router.use('/api/tasks', kit.requireUser);

  router.post('/api/tasks', async (req, res) => {
    const input = validate(createTaskInput, req.body, 'body');
    const task = newTask(req.user!.id, input);
    await db.$transaction(async (tx) => {
      await tx.task.create({ data: task });
      await kit.publish(tx, taskCreated, { task: toSnapshot(task) }, { subject: task.id });
    });
    res.status(201).setHeader('etag', `"${task.version}"`).json(toSnapshot(task));
  });

  router.get('/api/tasks/:id', async (req, res) => {
    const { id } = validate(taskParams, req.params, 'params');
    // Another user's task is "not found", never "forbidden": its existence is not revealed.
    const task = await db.task.findFirst({ where: { id, userId: req.user!.id } });
    if (!task) throw notFound('task');
    res.setHeader('etag', `"${task.version}"`).json(toSnapshot(task));
  });

  return router;
}
