import { defineJob } from '@daybook/service-kit';
import { z } from 'zod';

/**
 * `weekly-review--<userId>`: the user's weekly review falls due (Sundays at their chosen local
 * time). The settings version in the data makes a trigger of an outdated schedule a no-op.
 */
export const weeklyReviewJob = defineJob({
  kind: 'weekly-review',
  data: z.object({ userId: z.uuid(), reviewVersion: z.number().int().nonnegative() }),
  failurePolicy: { constant: { interval: '10s', maxRetries: 10 } },
});
export type WeeklyReviewJobData = z.infer<typeof weeklyReviewJob.data>;
