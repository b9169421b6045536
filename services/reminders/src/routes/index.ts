import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { validate } from '@daybook/service-kit';
import type { ReminderRow } from '../infrastructure/reminder-store';
import type { ListReminders } from '../usecases/list-reminders';
import type { SnoozeReminder } from '../usecases/snooze-reminder';

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

const listQuery = z.object({ taskId: z.uuid('must be a task id (UUID)').optional() }).strict();

const view = (r: ReminderRow) => ({
  taskId: r.taskId,
  reminderId: r.reminderId,
  taskTitle: r.taskTitle,
  dueAt: r.dueAt?.toISOString() ?? null,
  fireAt: r.fireAt.toISOString(),
  status: r.status,
});

export interface ReminderRoutesDeps {
  requireUser: RequestHandler;
  listReminders: ListReminders;
  snoozeReminder: SnoozeReminder;
}

/** The caller's reminders, under /api/reminders: each route validates, calls a use case, answers. */
export function routes({ requireUser, listReminders, snoozeReminder }: ReminderRoutesDeps): Router {
  const router = Router();
  router.use('/api/reminders', requireUser);

  router.get('/api/reminders', async (req, res) => {
    const { taskId } = validate(listQuery, req.query, 'query');
    const rows = await listReminders({ userId: req.user!.id, ...(taskId ? { taskId } : {}) });
    res.json({ items: rows.map(view) });
  });

  router.post('/api/reminders/snooze', async (req, res) => {
    const { taskId, reminderId, minutes, until } = validate(snoozeInput, req.body, 'body');
    const row = await snoozeReminder({
      userId: req.user!.id,
      taskId,
      reminderId,
      snooze: until !== undefined ? { until: new Date(until) } : { minutes: minutes! },
    });
    res.json(view(row));
  });
  return router;
}
