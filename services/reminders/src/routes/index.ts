import { Router, type RequestHandler } from 'express';
import { openApiRouter, validate } from '@daybook/service-kit';
import type { ReminderRow } from '../infrastructure/reminder-store';
import type { ListReminders } from '../usecases/list-reminders';
import type { SnoozeReminder } from '../usecases/snooze-reminder';
import { remindersOpenApi } from './openapi';
import { listQuery, snoozeInput } from './reminder-input';

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
  // The document is public, like every service's (before the sign-in check below).
  router.use(openApiRouter('reminders', remindersOpenApi()));
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
