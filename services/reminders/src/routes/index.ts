import { Router } from 'express';
import { z } from 'zod';
import { badRequest, validate, type ServiceKit } from '@daybook/service-kit';
import type { Database } from '../infrastructure/database';
import { ReminderScheduler } from '../infrastructure/reminder-scheduler';

const MAX_SNOOZE_MS = 30 * 24 * 60 * 60 * 1000;

export const snoozeInput = z
  .object({
    taskId: z.uuid('must be a task id (UUID)'),
    reminderId: z.uuid('must be a reminder id (UUID)'),
    /** Snooze for this long (5 for "5 min", 60 for "1 h")… */
    minutes: z.number().int().min(1).max(43_200).optional(),
    /** …or until this instant ("tomorrow morning", "custom"). */
    until: z.iso.datetime({ offset: true, message: 'must be an ISO instant' }).optional(),
  })
  .strict()
  .refine((v) => (v.minutes === undefined) !== (v.until === undefined), {
    message: 'give exactly one of minutes or until',
    path: ['minutes'],
  });

const view = (r: {
  taskId: string;
  reminderId: string;
  taskTitle: string;
  fireAt: Date;
  status: string;
  dueAt: Date | null;
}) => ({
  taskId: r.taskId,
  reminderId: r.reminderId,
  taskTitle: r.taskTitle,
  dueAt: r.dueAt?.toISOString() ?? null,
  fireAt: r.fireAt.toISOString(),
  status: r.status,
});

/** The caller's reminders, under /api/reminders. */
export function routes(kit: ServiceKit): Router {
  const db = kit.db as unknown as Database;
  const scheduler = new ReminderScheduler(kit);
  const router = Router();
  router.use('/api/reminders', kit.requireUser);

  router.get('/api/reminders', async (req, res) => {
    const { taskId } = validate(
      z.object({ taskId: z.uuid('must be a task id (UUID)').optional() }).strict(),
      req.query,
      'query',
    );
    const rows = await db.scheduledReminder.findMany({
      where: { userId: req.user!.id, ...(taskId ? { taskId } : {}), status: { not: 'cancelled' } },
      orderBy: { fireAt: 'asc' },
      take: 200,
    });
    res.json({ items: rows.map(view) });
  });

  router.post('/api/reminders/snooze', async (req, res) => {
    const input = validate(snoozeInput, req.body, 'body');
    const until = input.until ? new Date(input.until) : new Date(Date.now() + input.minutes! * 60_000);
    if (until.getTime() <= Date.now()) throw badRequest('body.until', 'must be in the future');
    if (until.getTime() - Date.now() > MAX_SNOOZE_MS) throw badRequest('body.until', 'at most 30 days ahead');
    const row = await db.$transaction((tx) =>
      scheduler.snooze(tx, req.user!.id, input.taskId, input.reminderId, until),
    );
    res.json(view(row));
  });
  return router;
}
