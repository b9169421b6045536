import { loginCodeSealing } from '@daybook/contracts';
import { sealingKeyStore, type ServiceApp, type ServiceKit } from '@daybook/service-kit';
import type { Env } from './env';
import { eventHandlers } from './events';
import type { Database } from './infrastructure/database';
import { smtpMailer, type SmtpCredentials } from './infrastructure/mailer';
import { notificationMetrics } from './infrastructure/notification-metrics';
import { NotificationStore } from './infrastructure/notification-store';
import { jobHandlers } from './jobs';
import { routes } from './routes';
import { deliverReminder } from './usecases/deliver-reminder';
import { emailLoginCode } from './usecases/email-login-code';
import { manageInbox } from './usecases/manage-inbox';
import { managePreferences } from './usecases/manage-preferences';
import { notifyUser } from './usecases/notify-user';
import { readInbox } from './usecases/read-inbox';
import { forgetUser, rememberRecipient } from './usecases/remember-recipient';
import { scheduleDigest, sendDigest } from './usecases/send-digest';
import { sendEmail } from './usecases/send-email';

/** The kit as this service has it: its own environment and database client. */
export type Kit = ServiceKit<Env, Database>;

/**
 * The composition root of the notifications service: builds the store, the mailer, the
 * secrets it reads and every use case once, and hands them to the routes, event handlers
 * and job handlers that call them. Times are this process's clock.
 */
export function buildApp(kit: Kit): ServiceApp<Database> {
  const now = () => new Date();
  const { env, jobs, publish } = kit;
  const store = new NotificationStore(kit.db);
  const metrics = notificationMetrics(kit.metrics.registry);
  const secret = async (name: string) => {
    const value = (await kit.sidecar.getSecret(kit.components.secrets, name))[name];
    if (!value) throw new Error(`secret ${name} is empty`);
    return value;
  };
  let unsubscribeKey: Promise<Buffer> | undefined;
  const loadUnsubscribeKey = () =>
    (unsubscribeKey ??= secret(env.UNSUBSCRIBE_KEY_SECRET)
      .then((v) => Buffer.from(v, 'base64url'))
      .catch((err: unknown) => {
        unsubscribeKey = undefined;
        throw err;
      }));
  const credentials = async (): Promise<SmtpCredentials | undefined> =>
    env.SMTP_CREDENTIALS_SECRET
      ? (JSON.parse(await secret(env.SMTP_CREDENTIALS_SECRET)) as SmtpCredentials)
      : undefined;
  const mailer = smtpMailer(env, credentials);
  const loginCodeKeys = sealingKeyStore(kit, loginCodeSealing.secret);

  const digestScheduler = scheduleDigest({ jobs, now });
  const notify = notifyUser({ store, publish, jobs, metrics, now });
  const inbox = manageInbox({ store, publish, jobs, now });
  const useCases = {
    ...readInbox({ store, now }),
    ...inbox,
    ...managePreferences({ store, scheduleDigest: digestScheduler, unsubscribeKey: loadUnsubscribeKey, now }),
    deliverReminder: deliverReminder({ store, notifyUser: notify }),
    emailLoginCode: emailLoginCode({ store, jobs, metrics, now }),
    rememberRecipient: rememberRecipient({ store, scheduleDigest: digestScheduler, now }),
    forgetUser: forgetUser({ store, jobs }),
    sendDigest: sendDigest({ store, notifyUser: notify, scheduleDigest: digestScheduler, now }),
    sendEmail: sendEmail({
      store,
      publish,
      jobs,
      mailer,
      metrics,
      now,
      unsubscribeKey: loadUnsubscribeKey,
      loginCodeKeys: () => loginCodeKeys.keys(),
      config: { publicUrl: env.PUBLIC_URL, maxAttempts: env.EMAIL_MAX_ATTEMPTS, retryBaseMs: env.EMAIL_RETRY_BASE_MS },
    }),
  };

  return {
    routes: routes({ requireUser: kit.requireUser, ...useCases }),
    subscriptions: eventHandlers(kit, useCases),
    jobs: jobHandlers(useCases),
    formPaths: ['/api/notifications/unsubscribe'],
    // Not ready without the keys it needs to send: the login-code sealing keys and the link key.
    readiness: async () => {
      await loginCodeKeys.keys();
      await loadUnsubscribeKey();
    },
  };
}
