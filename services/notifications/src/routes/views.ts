import { z } from 'zod';
import { deliveryChannel, deliveryStatus, notificationCounts, notificationSnapshot } from '@daybook/contracts';
import { toSnapshot } from '../domain/notification';
import type { NotificationWithDeliveries } from '../infrastructure/notification-store';

export const deliveryView = z
  .object({
    channel: deliveryChannel,
    status: deliveryStatus,
    reason: z.enum(['preference', 'quiet-hours', 'unsubscribed']).nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Delivery' });

export const notificationView = notificationSnapshot
  .omit({ userId: true })
  .extend({ deliveries: z.array(deliveryView) })
  .meta({ id: 'Notification' });

export const countsView = notificationCounts.meta({ id: 'Counts' });

/** An item as the API shows it (API-CONTRACT.md "Notification"). */
export function view(n: NotificationWithDeliveries): z.infer<typeof notificationView> {
  const { userId: _owner, ...snapshot } = toSnapshot(n);
  return {
    ...snapshot,
    deliveries: n.deliveries.map((d) => ({
      channel: d.channel as z.infer<typeof deliveryChannel>,
      status: d.status as z.infer<typeof deliveryStatus>,
      reason: d.reason as z.infer<typeof deliveryView>['reason'],
      attempts: d.attempts,
      lastError: d.lastError,
      updatedAt: d.updatedAt.toISOString(),
    })),
  };
}
