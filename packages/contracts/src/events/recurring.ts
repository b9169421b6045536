import { z } from 'zod';
import { defineEvent } from '../define-event';
import { id, timestamp, userId } from './common';
import { taskDue } from './task';

export const occurrenceRequested = defineEvent({
  type: 'daybook.recurring.occurrence-requested.v1',
  topic: 'recurring-events',
  source: 'recurring',
  description:
    'The next occurrence of a series is due to exist; tasks creates it. occurrenceKey is unique per series and date, so a redelivery creates nothing twice.',
  schema: z
    .object({
      seriesId: id,
      userId,
      /** The series' latest occurrence when this was asked for (tasks copies its series template). */
      templateTaskId: id,
      occurrenceKey: z.string().min(1),
      /** The occurrence's due date as the task will show it (a date, or a local time in a zone). */
      due: taskDue,
      dueAt: timestamp,
      timeZone: z.string().min(1),
    })
    .strict(),
  partitionKey: (d) => d.seriesId,
  partitionKeyRule: 'seriesId',
  example: {
    seriesId: '9a3e2f1c-0b4d-4c5e-8f7a-6b5c4d3e2f10',
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    templateTaskId: '5f0e8a4e-3c2b-4a8f-9e61-7c1d2b3a4f50',
    occurrenceKey: '9a3e2f1c-0b4d-4c5e-8f7a-6b5c4d3e2f10:2026-11-30',
    due: { dateTime: '2026-11-30T09:00:00', timeZone: 'Europe/London' },
    dueAt: '2026-11-30T09:00:00.000Z',
    timeZone: 'Europe/London',
  },
});
