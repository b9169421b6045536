import { defineJob } from '@daybook/service-kit';
import { z } from 'zod';

/** `unsnooze--<notificationId>`: a snoozed item comes back into the inbox (and the counts). */
export const unsnoozeJob = defineJob({
  kind: 'unsnooze',
  data: z.object({ notificationId: z.uuid(), until: z.iso.datetime({ offset: true }) }),
  failurePolicy: { constant: { interval: '5s', maxRetries: 20 } },
});
export type UnsnoozeJobData = z.infer<typeof unsnoozeJob.data>;
