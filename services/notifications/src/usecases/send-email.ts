import {
  loginCodeSealing,
  notificationDelivered,
  notificationDeliveryFailed,
  sealedValue,
  type NotificationCategory,
} from '@daybook/contracts';
import { unseal, type Jobs, type SealingKey, type ServiceKit } from '@daybook/service-kit';
import { z } from 'zod';
import { loginCodeEmail, notificationEmail, type EmailContent } from '../domain/email-content';
import { retryDelayMs } from '../domain/retry';
import { signUnsubscribeToken } from '../domain/unsubscribe-token';
import type { Tx } from '../infrastructure/database';
import type { Mailer } from '../infrastructure/mailer';
import type { NotificationMetrics } from '../infrastructure/notification-metrics';
import type { DeliveryRow, NotificationStore } from '../infrastructure/notification-store';
import { emailJob, emailJobId, type EmailJobData } from '../jobs/email-job';

export interface SendEmailDeps {
  store: NotificationStore;
  publish: ServiceKit['publish'];
  jobs: Jobs;
  mailer: Mailer;
  metrics: NotificationMetrics;
  now: () => Date;
  /** The key that signs unsubscribe links. */
  unsubscribeKey: () => Promise<Buffer>;
  /** The keys identity seals login codes with. */
  loginCodeKeys: () => Promise<SealingKey[]>;
  config: { publicUrl: string; maxAttempts: number; retryBaseMs: number };
  random?: () => number;
}

export type SendEmail = (job: EmailJobData) => Promise<void>;

/** What a login-code delivery keeps: the code as identity sealed it, never in clear. */
export const sealedLoginCode = z.object({ sealedCode: sealedValue, expiresAt: z.iso.datetime({ offset: true }) });

/** The unsubscribe link of a category's emails (RFC 8058: https, no sign-in needed). */
export const unsubscribeUrl = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/$/, '')}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`;

/** A failure no retry can fix (the code expired, the sealed code does not open). */
class Permanent extends Error {}

/**
 * One attempt of one email, from its job. The delivery row is locked for the attempt, so
 * concurrent or repeated triggers take turns, and a trigger for an attempt that is no
 * longer the next one does nothing: an email is sent at most once per delivery (a crash
 * between the relay's acceptance and the commit could resend it; the Message-ID is the
 * delivery's, so receivers can drop the copy). A failure schedules the next attempt with
 * exponential backoff and jitter; after the last, the delivery is `failed` and the user
 * is told (delivery-failed event, shown on the item). A relay's 5xx answer is a bounce: no retry.
 */
export function sendEmail(deps: SendEmailDeps): SendEmail {
  const { store, publish, jobs, mailer, metrics, now, config } = deps;
  const random = deps.random ?? Math.random;

  const content = async (tx: Tx, d: DeliveryRow): Promise<{ body: EmailContent; headers: Record<string, string> }> => {
    if (d.kind === 'login-code') {
      const sealed = sealedLoginCode.parse(d.sealed);
      const expiresAt = new Date(sealed.expiresAt);
      if (expiresAt <= now()) throw new Permanent('the login code expired before it could be sent');
      let code: string;
      try {
        code = unseal(await deps.loginCodeKeys(), sealed.sealedCode, loginCodeSealing.context(d.userId));
      } catch {
        throw new Permanent('the sealed login code does not open with the known keys');
      }
      return { body: loginCodeEmail(code, expiresAt), headers: {} };
    }
    const n = await store.owned(tx, d.userId, d.notificationId!);
    const url = unsubscribeUrl(
      config.publicUrl,
      signUnsubscribeToken(await deps.unsubscribeKey(), d.userId, d.category as NotificationCategory),
    );
    return {
      body: notificationEmail(n, { appUrl: config.publicUrl, unsubscribeUrl: url }),
      headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  };

  const announce = async (tx: Tx, d: DeliveryRow) => {
    if (!d.notificationId) return; // login codes: nothing in the inbox to tell about
    await store.lockUser(tx, d.userId);
    const contract = d.status === 'sent' ? notificationDelivered : notificationDeliveryFailed;
    await publish(tx, contract, {
      userId: d.userId,
      notificationId: d.notificationId,
      channel: 'email',
      status: d.status as 'sent' | 'failed' | 'bounced',
      attempts: d.attempts,
      ...(d.lastError ? { lastError: d.lastError } : {}),
      counts: await store.counts(tx, d.userId, now()),
    });
  };

  return (job) =>
    store.transaction(async (tx) => {
      const d = await store.lockDelivery(tx, job.deliveryId);
      // The job may be scheduled inside the transaction that creates the delivery: not
      // committed yet (or rolled back). Throwing makes the Scheduler try again shortly.
      if (!d) throw new Error(`delivery ${job.deliveryId} not found (yet)`);
      if ((d.status !== 'queued' && d.status !== 'held') || d.attempts !== job.attempt) return;

      if (d.kind === 'notification') {
        const recipient = await store.recipient(tx, d.userId);
        const channels = recipient.preferences.channels[d.category as NotificationCategory];
        if (!channels.email) {
          await store.updateDelivery(tx, d.id, { status: 'suppressed', reason: 'unsubscribed', updatedAt: now() });
          metrics.deliveries.inc({ channel: 'email', status: 'suppressed' });
          return;
        }
      }

      const attempts = d.attempts + 1;
      const started = process.hrtime.bigint();
      let error: string | null = null;
      let permanent = false;
      let bounced = false;
      try {
        const { body, headers } = await content(tx, d);
        await mailer.send({
          to: d.recipient!,
          ...body,
          headers,
          messageId: `<${d.id}@notifications.daybook>`,
        });
      } catch (err) {
        permanent = err instanceof Permanent;
        // A 5xx from the relay (mailbox unknown, rejected): retrying cannot help.
        bounced = ((err as { responseCode?: number }).responseCode ?? 0) >= 500;
        // Never the message itself for a login code's content: errors here name the relay's answer.
        error = (err as Error).message.slice(0, 500);
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.sendSeconds.observe({ outcome: error ? 'error' : 'sent' }, seconds);
      const at = now();

      if (!error) {
        const sent = await store.updateDelivery(tx, d.id, {
          status: 'sent',
          reason: null,
          attempts,
          lastError: null,
          sentAt: at,
          nextAttemptAt: null,
          updatedAt: at,
        });
        metrics.deliveries.inc({ channel: 'email', status: 'sent' });
        await announce(tx, sent);
        return;
      }
      if (permanent || bounced || attempts >= config.maxAttempts) {
        const status = bounced ? 'bounced' : 'failed';
        const failed = await store.updateDelivery(tx, d.id, {
          status,
          attempts,
          lastError: error,
          nextAttemptAt: null,
          updatedAt: at,
        });
        metrics.deliveries.inc({ channel: 'email', status });
        await announce(tx, failed);
        return;
      }
      const next = new Date(at.getTime() + retryDelayMs(attempts, config.retryBaseMs, random));
      await store.updateDelivery(tx, d.id, {
        status: 'queued',
        reason: null,
        attempts,
        lastError: error,
        nextAttemptAt: next,
        updatedAt: at,
      });
      metrics.deliveries.inc({ channel: 'email', status: 'retry' });
      const data = { deliveryId: d.id, attempt: attempts };
      await jobs.schedule(emailJob, emailJobId(data), { at: next }, data);
    });
}
