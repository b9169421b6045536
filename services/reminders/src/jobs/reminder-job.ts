import { defineJob } from '@daybook/service-kit';
import { z } from 'zod';

/**
 * `reminder--<taskId>.<reminderId>.<generation>`: one scheduling of a reminder falls due.
 * The use cases schedule and cancel it; jobs/index.ts receives it. The generation in the
 * name (and the data) makes a trigger of an outdated scheduling, or a repeated trigger, a
 * no-op.
 */
export const reminderJob = defineJob({
  kind: 'reminder',
  data: z.object({ taskId: z.uuid(), reminderId: z.uuid(), generation: z.number().int().positive() }),
  failurePolicy: { constant: { interval: '2s', maxRetries: 30 } },
});

export type ReminderJobData = z.infer<typeof reminderJob.data>;
