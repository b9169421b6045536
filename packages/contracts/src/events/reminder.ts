import { z } from 'zod';
import { defineEvent } from '../define-event';
import { id, timestamp, userId } from './common';

export const reminderDue = defineEvent({
  type: 'daybook.reminder.due.v1',
  topic: 'reminder-events',
  source: 'reminders',
  description: 'A reminder fired for a task that is still open.',
  schema: z
    .object({
      reminderId: id,
      userId,
      taskId: id,
      taskTitle: z.string(),
      dueAt: timestamp.nullable(),
      firedAt: timestamp,
    })
    .strict(),
  partitionKey: (d) => d.taskId,
  partitionKeyRule: 'taskId',
  example: {
    reminderId: '7c6b5a49-3827-4165-9e8d-7c6b5a493827',
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    taskId: '5f0e8a4e-3c2b-4a8f-9e61-7c1d2b3a4f50',
    taskTitle: 'Water the plants',
    dueAt: '2026-11-23T09:00:00.000Z',
    firedAt: '2026-11-23T08:45:00.120Z',
  },
});
