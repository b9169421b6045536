import type { Jobs } from '@daybook/service-kit';
import type { Tx } from '../infrastructure/database';
import type { NotificationStore } from '../infrastructure/notification-store';
import { digestJob } from '../jobs/digest-job';
import type { ScheduleDigest } from './send-digest';

export interface RememberRecipientDeps {
  store: NotificationStore;
  scheduleDigest: ScheduleDigest;
  now: () => Date;
}

export type RememberRecipient = (
  tx: Tx,
  profile: { userId: string; email?: string; timeZone: string },
) => Promise<void>;

/**
 * Keeps what delivery needs from the user's profile (user.registered / user.updated): the
 * email address and the time zone that quiet hours and the digest follow. A new zone moves
 * the digest's next run.
 */
export function rememberRecipient({ store, scheduleDigest, now }: RememberRecipientDeps): RememberRecipient {
  return async (tx, profile) => {
    await store.lockUser(tx, profile.userId);
    const recipient = await store.saveRecipient(
      tx,
      profile.userId,
      { ...(profile.email ? { email: profile.email } : {}), timeZone: profile.timeZone },
      now(),
    );
    await scheduleDigest(recipient);
  };
}

export type ForgetUser = (tx: Tx, userId: string) => Promise<void>;

/** An account was deleted: every item, delivery, digest and preference of the user goes. */
export function forgetUser({ store, jobs }: { store: NotificationStore; jobs: Jobs }): ForgetUser {
  return async (tx, userId) => {
    await store.forget(tx, userId);
    await jobs.cancel(digestJob, userId);
  };
}
