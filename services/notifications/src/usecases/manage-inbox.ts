import { notificationRead, notificationUpdated, type NotificationCounts } from '@daybook/contracts';
import { InvalidInput, type Jobs, type ServiceKit } from '@daybook/service-kit';
import type { Prisma } from '../generated/prisma/client';
import { toSnapshot } from '../domain/notification';
import type { Tx } from '../infrastructure/database';
import type { NotificationStore, NotificationWithDeliveries } from '../infrastructure/notification-store';
import { unsnoozeJob, type UnsnoozeJobData } from '../jobs/unsnooze-job';

export interface ManageInboxDeps {
  store: NotificationStore;
  publish: ServiceKit['publish'];
  jobs: Jobs;
  now: () => Date;
}

export type ItemChange = 'read' | 'unread' | 'archive' | 'unarchive' | { snoozeUntil: Date };
type Change = 'seen' | 'read' | 'unread' | 'archived' | 'unarchived' | 'snoozed' | 'unsnoozed';

export type ChangeNotification = (
  userId: string,
  id: string,
  change: ItemChange,
) => Promise<{ notification: NotificationWithDeliveries; counts: NotificationCounts }>;
export type MarkAll = (userId: string, what: 'seen' | 'read') => Promise<{ counts: NotificationCounts }>;
export type Unsnooze = (job: UnsnoozeJobData) => Promise<void>;

/**
 * The user's changes to their inbox. Each runs under the user's lock and publishes the
 * item after the change with the counts after it, in the same transaction.
 */
export function manageInbox({ store, publish, jobs, now }: ManageInboxDeps) {
  const announce = async (tx: Tx, n: NotificationWithDeliveries, change: Change, at: Date) => {
    const counts = await store.counts(tx, n.userId, at);
    await publish(tx, notificationUpdated, { userId: n.userId, notification: toSnapshot(n), change, counts });
    if (change === 'read') {
      await publish(tx, notificationRead, {
        userId: n.userId,
        notificationId: n.id,
        readAt: (n.readAt ?? at).toISOString(),
        counts,
      });
    }
    return counts;
  };

  const changeNotification: ChangeNotification = (userId, id, change) =>
    store.transaction(async (tx) => {
      const at = now();
      await store.lockUser(tx, userId);
      const current = await store.owned(tx, userId, id);
      let data: Prisma.NotificationUpdateInput;
      let event: Change;
      let snoozeUntil: Date | null = null;
      if (change === 'read') {
        data = { state: 'read', readAt: current.readAt ?? at, seenAt: current.seenAt ?? at };
        event = 'read';
      } else if (change === 'unread') {
        data = { state: 'seen', readAt: null, seenAt: current.seenAt ?? at };
        event = 'unread';
      } else if (change === 'archive') {
        data = { archived: true };
        event = 'archived';
      } else if (change === 'unarchive') {
        data = { archived: false };
        event = 'unarchived';
      } else {
        if (change.snoozeUntil <= at) throw new InvalidInput('body.until', 'must be in the future');
        snoozeUntil = change.snoozeUntil;
        data = { snoozedUntil: snoozeUntil };
        event = 'snoozed';
      }
      const notification = await store.updateNotification(tx, id, data);
      if (snoozeUntil) {
        await jobs.schedule(
          unsnoozeJob,
          id,
          { at: snoozeUntil },
          { notificationId: id, until: snoozeUntil.toISOString() },
        );
      }
      return { notification, counts: await announce(tx, notification, event, at) };
    });

  const markAll: MarkAll = (userId, what) =>
    store.transaction(async (tx) => {
      const at = now();
      await store.lockUser(tx, userId);
      const items = await store.ownedWhere(
        tx,
        userId,
        what === 'seen' ? { state: 'unseen' } : { state: { not: 'read' }, archived: false },
      );
      await store.updateMany(
        tx,
        items.map((n) => n.id),
        what === 'seen' ? { state: 'seen', seenAt: at } : { state: 'read', readAt: at },
      );
      // One event per changed item, each with the counts after the whole change.
      const counts = await store.counts(tx, userId, at);
      for (const n of items) {
        const changed = { ...n, state: what };
        await publish(tx, notificationUpdated, { userId, notification: toSnapshot(changed), change: what, counts });
        if (what === 'read') {
          await publish(tx, notificationRead, { userId, notificationId: n.id, readAt: at.toISOString(), counts });
        }
      }
      return { counts };
    });

  /** The snooze ended: the item is back in the inbox, and the counts say so. */
  const unsnooze: Unsnooze = (job) =>
    store.transaction(async (tx) => {
      const at = now();
      const found = await store.notification(tx, job.notificationId);
      // Snoozed again (to another time), or gone: this trigger is outdated.
      if (!found || found.snoozedUntil?.toISOString() !== job.until) return;
      await store.lockUser(tx, found.userId);
      const notification = await store.updateNotification(tx, found.id, { snoozedUntil: null });
      await announce(tx, notification, 'unsnoozed', at);
    });

  return { changeNotification, markAll, unsnooze };
}
