import { notificationCreated, type NotificationCategory } from '@daybook/contracts';
import type { Jobs, ServiceKit } from '@daybook/service-kit';
import { randomUUID } from 'node:crypto';
import { knownZone, quietUntil } from '../domain/local-time';
import { toSnapshot, type NotificationRow } from '../domain/notification';
import { channelsFor } from '../domain/preferences';
import type { Tx } from '../infrastructure/database';
import type { NotificationMetrics } from '../infrastructure/notification-metrics';
import type { NotificationStore } from '../infrastructure/notification-store';
import { emailJob, emailJobId, firstAttemptAt } from '../jobs/email-job';

export interface NotifyUserDeps {
  store: NotificationStore;
  publish: ServiceKit['publish'];
  jobs: Jobs;
  metrics: NotificationMetrics;
  now: () => Date;
}

export interface NotificationRequest {
  /** The event that asked for it: one item and one delivery per channel per event. */
  eventId: string;
  userId: string;
  category: NotificationCategory;
  title: string;
  body: string;
  urgent?: boolean;
  taskId?: string;
  reminderId?: string;
}

export type NotifyUser = (tx: Tx, request: NotificationRequest) => Promise<NotificationRow | null>;

/**
 * Puts an item in the user's inbox and plans its deliveries, in the caller's transaction:
 * in-app at once (unless switched off: then the item goes straight to the archive, without
 * a badge), email queued now, held until quiet hours end (urgent items bypass them), or
 * suppressed by preference. The created event carries the counts after the change.
 */
export function notifyUser({ store, publish, jobs, metrics, now }: NotifyUserDeps): NotifyUser {
  return async (tx, request) => {
    const at = now();
    await store.lockUser(tx, request.userId);
    const recipient = await store.recipient(tx, request.userId);
    const channels = channelsFor(recipient.preferences, request.category);
    const notification = await store.createNotification(tx, {
      id: randomUUID(),
      userId: request.userId,
      category: request.category,
      title: request.title,
      body: request.body,
      urgent: request.urgent ?? false,
      taskId: request.taskId ?? null,
      reminderId: request.reminderId ?? null,
      archived: !channels.inApp,
      createdAt: at,
      sourceEventId: request.eventId,
    });
    if (!notification) return null;

    const common = { userId: request.userId, notificationId: notification.id, eventId: request.eventId };
    const inAppStatus = channels.inApp ? 'sent' : 'suppressed';
    await store.createDelivery(
      tx,
      {
        ...common,
        id: randomUUID(),
        channel: 'in-app',
        kind: 'notification',
        category: request.category,
        status: inAppStatus,
        reason: channels.inApp ? null : 'preference',
        attempts: channels.inApp ? 1 : 0,
        sentAt: channels.inApp ? at : null,
      },
      at,
    );
    metrics.deliveries.inc({ channel: 'in-app', status: inAppStatus });

    const heldUntil =
      recipient.preferences.quietHours.enabled && !notification.urgent
        ? quietUntil(at, knownZone(recipient.timeZone), recipient.preferences.quietHours)
        : null;
    const email = !channels.email
      ? ({ status: 'suppressed', reason: 'preference' } as const)
      : !recipient.email
        ? ({ status: 'suppressed', reason: null, lastError: 'no email address is known for this user' } as const)
        : heldUntil
          ? ({ status: 'held', reason: 'quiet-hours' } as const)
          : ({ status: 'queued', reason: null } as const);
    const delivery = await store.createDelivery(
      tx,
      {
        ...common,
        id: randomUUID(),
        channel: 'email',
        kind: 'notification',
        category: request.category,
        recipient: recipient.email,
        ...email,
        nextAttemptAt: email.status === 'held' ? heldUntil : email.status === 'queued' ? at : null,
      },
      at,
    );
    metrics.deliveries.inc({ channel: 'email', status: email.status });
    if (delivery && (email.status === 'queued' || email.status === 'held')) {
      const data = { deliveryId: delivery.id, attempt: 0 };
      await jobs.schedule(emailJob, emailJobId(data), { at: heldUntil ?? firstAttemptAt(at) }, data);
    }

    await publish(tx, notificationCreated, {
      userId: request.userId,
      notification: toSnapshot(notification),
      counts: await store.counts(tx, request.userId, at),
    });
    return notification;
  };
}
