import { randomUUID } from 'node:crypto';
import { reminderDue, userRegistered, type EventContract, type EventData } from '@daybook/contracts';
import { buildCloudEvent } from '@daybook/service-kit';
import { kafkaClient } from '@daybook/substrate';
import {
  asUser,
  freePort,
  kafkaTap,
  startStack,
  testEnvironment,
  topicFor,
  waitFor,
  type KafkaTap,
  type ServiceUnderTest,
  type Stack,
} from '@daybook/testing';

// The notifications service beside its real sidecar, with an SMTP relay that refuses every
// connection (a port nobody listens on) and short retry delays: each attempt is a real Dapr
// job through the Scheduler, and after the last the delivery is failed, in the API and on
// Kafka.
let stack: Stack;
let notifications: ServiceUnderTest;
let tap: KafkaTap;

beforeAll(async () => {
  stack = await startStack({
    name: 'notifications-retries',
    services: ['notifications'],
    consumes: { notifications: [reminderDue.topic, userRegistered.topic] },
    env: { SMTP_PORT: String(await freePort()), EMAIL_RETRY_BASE_MS: '500', EMAIL_MAX_ATTEMPTS: '3' },
  });
  notifications = stack.services.notifications!;
  tap = await kafkaTap(['notification-events']);
});

afterAll(async () => {
  await tap?.stop();
  await stack?.stop();
});

async function publish<C extends EventContract>(contract: C, data: EventData<C>, key: string) {
  const producer = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-test').producer();
  await producer.connect();
  try {
    await producer.send({
      topic: topicFor(contract.topic),
      messages: [{ key, value: JSON.stringify(buildCloudEvent(contract, data)) }],
    });
  } finally {
    await producer.disconnect();
  }
}

test('an SMTP relay that refuses: retried by Dapr jobs with backoff, then failed and shown to the user', async () => {
  const userId = randomUUID();
  const now = new Date();
  await publish(
    userRegistered,
    { userId, email: `r-${userId}@example.com`, timeZone: 'UTC', registeredAt: now.toISOString() },
    userId,
  );
  const taskId = randomUUID();
  await publish(
    reminderDue,
    { reminderId: randomUUID(), userId, taskId, taskTitle: 'Renew passport', dueAt: null, firedAt: now.toISOString() },
    taskId,
  );

  const api = asUser(stack.token(userId));
  type Page = {
    items: {
      id: string;
      deliveries: { channel: string; status: string; attempts: number; lastError: string | null }[];
    }[];
  };
  const failed = await waitFor(
    'the email delivery to fail after 3 attempts',
    async () => {
      const page = await api<Page>(notifications.baseUrl, 'GET', '/api/notifications/inbox');
      const email = page.body.items[0]?.deliveries.find((d) => d.channel === 'email');
      return email?.status === 'failed' ? { item: page.body.items[0]!, email } : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 300 },
  );
  expect(failed.email.attempts).toBe(3);
  expect(failed.email.lastError).toMatch(/ECONNREFUSED/);

  const event = await tap.waitFor(
    'delivery-failed on Kafka',
    (m) => m.json?.type === 'daybook.notification.delivery-failed.v1' && m.key === userId,
    30_000,
  );
  expect((event.json as { data: object }).data).toMatchObject({
    notificationId: failed.item.id,
    channel: 'email',
    status: 'failed',
    attempts: 3,
    counts: { unread: 1, unseen: 1 },
  });
  // The in-app delivery is unaffected: the item is in the inbox.
  expect(failed.item.deliveries.find((d) => d.channel === 'in-app')?.status).toBe('sent');
});
