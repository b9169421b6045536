import { defineJob } from '@daybook/service-kit';
import { z } from 'zod';

/**
 * `digest--<userId>`: the user's daily digest of `localDate`, due at their chosen local time.
 * The (user, local date) key makes a repeated or concurrent trigger a no-op.
 */
export const digestJob = defineJob({
  kind: 'digest',
  data: z.object({ userId: z.uuid(), localDate: z.iso.date() }),
  failurePolicy: { constant: { interval: '10s', maxRetries: 30 } },
});
export type DigestJobData = z.infer<typeof digestJob.data>;
