import { randomUUID } from 'node:crypto';
import type { EventData, loginCodeRequested } from '@daybook/contracts';
import type { Jobs } from '@daybook/service-kit';
import type { Tx } from '../infrastructure/database';
import type { NotificationMetrics } from '../infrastructure/notification-metrics';
import type { NotificationStore } from '../infrastructure/notification-store';
import { emailJob, emailJobId, firstAttemptAt } from '../jobs/email-job';

export interface EmailLoginCodeDeps {
  store: NotificationStore;
  jobs: Jobs;
  metrics: NotificationMetrics;
  now: () => Date;
}

export type EmailLoginCode = (tx: Tx, eventId: string, request: EventData<typeof loginCodeRequested>) => Promise<void>;

/**
 * Queues the login code's email: never an inbox item, never subject to preferences or
 * quiet hours. The delivery keeps the code as identity sealed it (for retries); it is
 * opened only at the moment of sending.
 */
export function emailLoginCode({ store, jobs, metrics, now }: EmailLoginCodeDeps): EmailLoginCode {
  return async (tx, eventId, request) => {
    const at = now();
    const delivery = await store.createDelivery(
      tx,
      {
        id: randomUUID(),
        userId: request.userId,
        eventId,
        channel: 'email',
        kind: 'login-code',
        category: 'loginCodes',
        status: 'queued',
        recipient: request.email,
        sealed: { sealedCode: request.sealedCode, expiresAt: request.expiresAt },
        nextAttemptAt: at,
      },
      at,
    );
    if (!delivery) return;
    metrics.deliveries.inc({ channel: 'email', status: 'queued' });
    const data = { deliveryId: delivery.id, attempt: 0 };
    await jobs.schedule(emailJob, emailJobId(data), { at: firstAttemptAt(at) }, data);
  };
}
