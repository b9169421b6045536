import type { Jobs } from '@daybook/service-kit';
import { knownZone, nextLocalTime } from '../domain/local-time';
import type { NotificationStore, Recipient } from '../infrastructure/notification-store';
import { digestJob, type DigestJobData } from '../jobs/digest-job';
import type { NotifyUser } from './notify-user';

export type ScheduleDigest = (recipient: Recipient) => Promise<void>;

/** The user's next digest job at their local time, or none when the digest is off. */
export function scheduleDigest({ jobs, now }: { jobs: Jobs; now: () => Date }): ScheduleDigest {
  return async (recipient) => {
    if (!recipient.preferences.digest.enabled) {
      await jobs.cancel(digestJob, recipient.userId);
      return;
    }
    const next = nextLocalTime(now(), knownZone(recipient.timeZone), recipient.preferences.digest.time);
    await jobs.schedule(
      digestJob,
      recipient.userId,
      { at: next.at },
      {
        userId: recipient.userId,
        localDate: next.localDate,
      },
    );
  };
}

export interface SendDigestDeps {
  store: NotificationStore;
  notifyUser: NotifyUser;
  scheduleDigest: ScheduleDigest;
  now: () => Date;
}

export type SendDigest = (job: DigestJobData) => Promise<void>;

const DAY_MS = 24 * 60 * 60_000;

/**
 * The daily digest: one item (and email) listing what arrived since the last digest and is
 * still unread. Exactly one per user and local day: the (user, local date) row is claimed
 * under the user's lock, so concurrent and repeated triggers find it taken. Then the next
 * day's job is scheduled.
 */
export function sendDigest({ store, notifyUser, scheduleDigest, now }: SendDigestDeps): SendDigest {
  return async (job) => {
    const recipient = await store.transaction(async (tx) => {
      await store.lockUser(tx, job.userId);
      const recipient = await store.recipient(tx, job.userId);
      if (!recipient.preferences.digest.enabled) return null;
      if (!(await store.claimDigest(tx, job.userId, job.localDate, now()))) return recipient;
      const since = (await store.lastDigestAt(tx, job.userId)) ?? new Date(now().getTime() - DAY_MS);
      const unread = await store.unreadSince(tx, job.userId, since);
      if (unread.length === 0) return recipient;
      const lines = unread.map((n) => `• ${n.title}${n.body ? ` — ${n.body}` : ''}`);
      const digest = await notifyUser(tx, {
        eventId: `digest:${job.userId}:${job.localDate}`,
        userId: job.userId,
        category: 'digests',
        title: `Your Daybook digest: ${unread.length} unread`,
        body: lines.join('\n'),
      });
      if (digest) await store.setDigestNotification(tx, job.userId, job.localDate, digest.id);
      return recipient;
    });
    if (recipient) await scheduleDigest(recipient);
  };
}
