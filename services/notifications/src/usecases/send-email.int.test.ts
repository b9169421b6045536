import { freePort, startPrivateMailpit } from '@daybook/testing';
import { smtpMailer, type Mailer } from '../infrastructure/mailer';
import { emailJob } from '../jobs/email-job';
import { reminderDueEvent, useCaseHarness, type UseCaseHarness } from '../testing';

// Relays that refuse. Each test points the real SMTP mailer at a relay of its own; the
// Scheduler is the recording stand-in, so the test is the one that triggers each attempt.
let relay: Mailer;
const smtp = { SMTP_HOST: '127.0.0.1', SMTP_SECURE: false, MAIL_FROM: 'x@daybook.test' };
let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness({ mailer: { send: (email) => relay.send(email) } });
});
afterAll(() => h.close());
beforeEach(() => h.scheduler.waiting.clear());

async function remind(userId: string) {
  const due = reminderDueEvent(userId, h.now());
  await h.db.$transaction((tx) => h.deliverReminder(tx, due.id, due.data));
}
const emailOf = async (userId: string) =>
  (await h.listInbox({ userId, view: 'inbox', limit: 5 })).items[0]!.deliveries.find((d) => d.channel === 'email')!;
const failures = async (userId: string) =>
  (await h.published()).filter((e) => e.type === 'daybook.notification.delivery-failed.v1' && e.data.userId === userId);

test('an SMTP relay that refuses is retried with growing delays, then the delivery is failed and shown', async () => {
  relay = smtpMailer({ ...smtp, SMTP_PORT: await freePort() }); // nobody listens there
  const { userId } = await h.newUser();
  await remind(userId);
  const delays: number[] = [];
  for (let attempt = 1; attempt <= 8; attempt++) {
    const [job] = h.scheduler.ofKind(emailJob);
    expect(job?.data.attempt).toBe(attempt - 1);
    h.setClock(job!.at!);
    await h.runEmailJobs();
    const [next] = h.scheduler.ofKind(emailJob);
    if (next) delays.push(next.at!.getTime() - h.now().getTime());
  }
  // 15 s doubling (jitter pinned to the middle): 7 waits, about 32 minutes in all.
  expect(delays).toEqual([15, 30, 60, 120, 240, 480, 960].map((s) => s * 1000));
  expect(h.scheduler.ofKind(emailJob)).toEqual([]);
  const email = await emailOf(userId);
  expect(email).toMatchObject({ status: 'failed', attempts: 8 });
  expect(email.lastError).toMatch(/ECONNREFUSED/);
  const failed = await failures(userId);
  expect(failed).toHaveLength(1);
  expect(failed[0]!.data).toMatchObject({ status: 'failed', attempts: 8, counts: { unread: 1, unseen: 1 } });
  expect(await h.counted('email', 'failed')).toBe(1);
  expect(await h.counted('email', 'retry')).toBe(7);
  h.setClock(new Date());
});

test('a relay that rejects the recipient (5xx) bounces the email at once, without retries', async () => {
  // A Mailpit of this test's own that accepts no recipient: it answers 550, as a relay does
  // for an unknown mailbox.
  const strict = await startPrivateMailpit(['--smtp-allowed-recipients', '^nobody$']);
  relay = smtpMailer({ ...smtp, SMTP_PORT: strict.smtpPort });
  try {
    const { userId } = await h.newUser();
    await remind(userId);
    await h.runEmailJobs();
    const email = await emailOf(userId);
    expect(email).toMatchObject({ status: 'bounced', attempts: 1 });
    expect(email.lastError).toContain('550');
    expect(h.scheduler.ofKind(emailJob)).toEqual([]);
    expect((await failures(userId))[0]?.data).toMatchObject({ status: 'bounced', attempts: 1 });
    expect(await h.counted('email', 'bounced')).toBe(1);
  } finally {
    await strict.stop();
  }
});
