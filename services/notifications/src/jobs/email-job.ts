import { defineJob } from '@daybook/service-kit';
import { z } from 'zod';

/**
 * `email--<deliveryId>.<attempt>`: the next attempt of one email (first, after a failure, or
 * when quiet hours end). A trigger whose attempt is no longer the delivery's next one is a
 * no-op, so a repeated or outdated trigger sends nothing.
 */
export const emailJob = defineJob({
  kind: 'email',
  data: z.object({ deliveryId: z.uuid(), attempt: z.number().int().min(0) }),
  // Short and many: a trigger that finds no delivery yet (its transaction has not committed)
  // fails and comes back 2 s later; 60 of them also ride out a two-minute database outage.
  failurePolicy: { constant: { interval: '2s', maxRetries: 60 } },
});

/**
 * When a delivery created now should first be tried: a moment later, because the job is
 * scheduled inside the transaction that creates the delivery, and a trigger that arrives
 * before the commit finds nothing (and is retried, late).
 */
export const firstAttemptAt = (now: Date): Date => new Date(now.getTime() + 1000);
export type EmailJobData = z.infer<typeof emailJob.data>;
export const emailJobId = (d: EmailJobData) => `${d.deliveryId}.${d.attempt}`;
