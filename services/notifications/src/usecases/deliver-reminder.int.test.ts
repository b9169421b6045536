import { seal } from '@daybook/service-kit';
import { freePort, startPrivateMailpit } from '@daybook/testing';
import { verifyUnsubscribeToken } from '../domain/unsubscribe-token';
import { smtpMailer } from '../infrastructure/mailer';
import { emailJob } from '../jobs/email-job';
import { reminderDueEvent, TEST_PUBLIC_URL, useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h.close());

const deliver = (event: ReturnType<typeof reminderDueEvent>) =>
  h.db.$transaction((tx) => h.deliverReminder(tx, event.id, event.data));

test('a reminder.due becomes an inbox item and an email in Mailpit with a working one-click unsubscribe', async () => {
  const { userId, email } = await h.newUser('Europe/Berlin');
  const due = reminderDueEvent(userId, h.now(), 'Call the dentist');
  await deliver(due);

  const page = await h.listInbox({ userId, view: 'inbox', limit: 20 });
  expect(page.counts).toEqual({ unread: 1, unseen: 1 });
  expect(page.items).toHaveLength(1);
  const item = page.items[0]!;
  expect(item).toMatchObject({
    title: 'Call the dentist',
    category: 'reminders',
    state: 'unseen',
    taskId: due.data.taskId,
  });
  expect(item.deliveries.map((d) => [d.channel, d.status])).toEqual([
    ['in-app', 'sent'],
    ['email', 'queued'],
  ]);
  const created = (await h.published()).find((e) => e.type === 'daybook.notification.created.v2');
  expect(created?.data).toMatchObject({ userId, counts: { unread: 1, unseen: 1 }, notification: { id: item.id } });

  await h.runEmailJobs();
  const [message] = await h.mailpit.waitForMessages(email);
  expect(message!.Subject).toBe('Call the dentist');
  expect(message!.Text).toContain('Call the dentist');
  expect(message!.headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);
  const link = /^<(https:\/\/[^>]+)>$/.exec(message!.headers['List-Unsubscribe']![0]!)![1]!;
  expect(link.startsWith(`${TEST_PUBLIC_URL}/api/notifications/unsubscribe?token=`)).toBe(true);
  expect(message!.Text).toContain(link);

  const sent = (await h.listInbox({ userId, view: 'inbox', limit: 20 })).items[0]!;
  expect(sent.deliveries.find((d) => d.channel === 'email')).toMatchObject({ status: 'sent', attempts: 1 });
  const delivered = (await h.published()).find((e) => e.type === 'daybook.notification.delivered.v1');
  expect(delivered?.data).toMatchObject({ notificationId: item.id, channel: 'email', status: 'sent', attempts: 1 });

  // The link's token unsubscribes this user from reminder emails, and only that.
  const token = new URL(link).searchParams.get('token')!;
  expect(verifyUnsubscribeToken(h.unsubscribeKey, token)).toEqual({ userId, category: 'reminders' });
  await expect(h.unsubscribe(token)).resolves.toEqual({ category: 'reminders' });
  const prefs = await h.getPreferences(userId);
  expect(prefs.channels.reminders).toEqual({ inApp: true, email: false });
  expect(prefs.channels.system.email).toBe(true);

  h.setClock(new Date(h.now().getTime() + 1000)); // newer, so it is first in the inbox
  await deliver(reminderDueEvent(userId, h.now()));
  const next = (await h.listInbox({ userId, view: 'inbox', limit: 20 })).items[0]!;
  expect(next.deliveries.find((d) => d.channel === 'email')).toMatchObject({
    status: 'suppressed',
    reason: 'preference',
  });
});

test('a forged or altered unsubscribe token is refused', async () => {
  await expect(h.unsubscribe('bm90LWEtdG9rZW4.c2ln')).rejects.toThrow('not found');
});

test('the same event delivered twice makes one item and sends one email', async () => {
  const { userId, email } = await h.newUser();
  const due = reminderDueEvent(userId, h.now());
  await deliver(due);
  await deliver(due);
  await h.runEmailJobs();
  // A repeated trigger of the same attempt sends nothing more.
  const [delivery] = await h.db.delivery.findMany({ where: { userId, channel: 'email' } });
  await h.sendEmail({ deliveryId: delivery!.id, attempt: 0 });
  await h.mailpit.waitForMessages(email, 1);
  expect(await h.mailpit.to(email)).toHaveLength(1);
  expect((await h.listInbox({ userId, view: 'inbox', limit: 20 })).items).toHaveLength(1);
});

test('an SMTP relay that refuses is retried with growing delays, then the delivery is failed and shown', async () => {
  const refusing = smtpMailer({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: await freePort(),
    SMTP_SECURE: false,
    MAIL_FROM: 'x@daybook.test',
  });
  const f = await useCaseHarness({ mailer: refusing });
  try {
    const { userId } = await f.newUser();
    await f.db.$transaction((tx) =>
      f.deliverReminder(tx, reminderDueEvent(userId, f.now()).id, reminderDueEvent(userId, f.now()).data),
    );
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const [job] = f.scheduler.ofKind(emailJob);
      expect(job?.data.attempt).toBe(attempt - 1);
      f.setClock(job!.at!);
      await f.runEmailJobs();
      const [next] = f.scheduler.ofKind(emailJob);
      if (next) delays.push(next.at!.getTime() - f.now().getTime());
    }
    // 15 s doubling (jitter pinned to the middle): 7 waits, about 32 minutes in all.
    expect(delays).toEqual([15, 30, 60, 120, 240, 480, 960].map((s) => s * 1000));
    expect(f.scheduler.ofKind(emailJob)).toEqual([]);
    const item = (await f.listInbox({ userId, view: 'inbox', limit: 20 })).items[0]!;
    const email = item.deliveries.find((d) => d.channel === 'email')!;
    expect(email).toMatchObject({ status: 'failed', attempts: 8 });
    expect(email.lastError).toMatch(/ECONNREFUSED/);
    const failed = (await f.published()).filter((e) => e.type === 'daybook.notification.delivery-failed.v1');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.data).toMatchObject({ status: 'failed', attempts: 8, counts: { unread: 1, unseen: 1 } });
    expect(await f.counted('email', 'failed')).toBe(1);
    expect(await f.counted('email', 'retry')).toBe(7);
  } finally {
    await f.close();
  }
});

test('quiet hours hold the email (the item is in the inbox at once) and release it when they end; urgent bypasses', async () => {
  const { userId, email } = await h.newUser('America/New_York');
  const prefs = await h.getPreferences(userId);
  const { timeZone: _zone, ...rest } = prefs;
  await h.updatePreferences(userId, { ...rest, quietHours: { enabled: true, start: '22:00', end: '07:00' } });
  // 23:30 in New York, on a day computed from the clock.
  const { DateTime } = await import('luxon');
  const night = DateTime.now()
    .setZone('America/New_York')
    .plus({ days: 1 })
    .set({ hour: 23, minute: 30, second: 0, millisecond: 0 });
  h.setClock(night.toJSDate());
  h.scheduler.waiting.clear();

  await deliver(reminderDueEvent(userId, h.now(), 'Night reminder'));
  const item = (await h.listInbox({ userId, view: 'inbox', limit: 20 })).items[0]!;
  expect(item.title).toBe('Night reminder');
  expect(item.deliveries.find((d) => d.channel === 'email')).toMatchObject({ status: 'held', reason: 'quiet-hours' });
  const [held] = h.scheduler.ofKind(emailJob);
  expect(held!.at!.toISOString()).toBe(night.plus({ days: 1 }).set({ hour: 7, minute: 0 }).toUTC().toISO());

  await h.db.$transaction((tx) =>
    h.notifyUser(tx, {
      eventId: `urgent-${userId}`,
      userId,
      category: 'system',
      title: 'Urgent notice',
      body: '',
      urgent: true,
    }),
  );
  // Both items carry the same (test clock) time: find each by its title, not its position.
  const urgent = (await h.listInbox({ userId, view: 'inbox', limit: 20 })).items.find(
    (i) => i.title === 'Urgent notice',
  )!;
  expect(urgent.deliveries.find((d) => d.channel === 'email')).toMatchObject({ status: 'queued' });

  // The Scheduler triggers each job at its time: the urgent one now, the held one at 07:00.
  for (const job of h.scheduler.ofKind(emailJob).sort((a, b) => a.at!.getTime() - b.at!.getTime())) {
    h.setClock(job.at!);
    h.scheduler.waiting.delete(job.name);
    await h.sendEmail(job.data);
  }
  const messages = await h.mailpit.waitForMessages(email, 2);
  expect(messages.map((m) => m.Subject)).toEqual(['Urgent notice', 'Night reminder']);
  h.setClock(new Date());
});

test('a login code is emailed (opened only to send), never an inbox item, never stored in clear', async () => {
  const { userId, email } = await h.newUser();
  const code = '482913';
  const sealedCode = seal(h.sealingKeys, code, h.sealingContext(userId));
  const expiresAt = new Date(h.now().getTime() + 10 * 60_000).toISOString();
  const eventId = `login-${userId}`;
  await h.db.$transaction((tx) => h.emailLoginCode(tx, eventId, { userId, email, sealedCode, expiresAt }));
  await h.db.$transaction((tx) => h.emailLoginCode(tx, eventId, { userId, email, sealedCode, expiresAt }));
  await h.runEmailJobs();
  const [message] = await h.mailpit.waitForMessages(email);
  expect(message!.Subject).toContain(code);
  expect(message!.Text).toContain(code);
  expect(message!.headers['List-Unsubscribe']).toBeUndefined();
  expect((await h.listInbox({ userId, view: 'inbox', limit: 20 })).items).toEqual([]);
  const rows = await h.db.delivery.findMany({ where: { userId } });
  expect(rows).toHaveLength(1);
  expect(rows[0]!.status).toBe('sent');
  expect(JSON.stringify(rows)).not.toContain(code);
  expect(JSON.stringify(await h.published())).not.toContain(code);
});

test('a login code that expired before it could be sent fails without retrying', async () => {
  const { userId, email } = await h.newUser();
  const sealedCode = seal(h.sealingKeys, '111222', h.sealingContext(userId));
  const expiresAt = new Date(h.now().getTime() + 60_000).toISOString();
  await h.db.$transaction((tx) => h.emailLoginCode(tx, `late-${userId}`, { userId, email, sealedCode, expiresAt }));
  h.setClock(new Date(h.now().getTime() + 2 * 60_000));
  await h.runEmailJobs();
  h.setClock(new Date());
  const [row] = await h.db.delivery.findMany({ where: { userId } });
  expect(row).toMatchObject({
    status: 'failed',
    attempts: 1,
    lastError: 'the login code expired before it could be sent',
  });
  expect(h.scheduler.ofKind(emailJob).filter((j) => j.data.deliveryId === row!.id)).toEqual([]);
});

test('a relay that rejects the recipient (5xx) bounces the email at once, without retries', async () => {
  // A Mailpit of this test's own that accepts no recipient: it answers 550, as a relay does
  // for an unknown mailbox.
  const strict = await startPrivateMailpit(['--smtp-allowed-recipients', '^nobody$']);
  const f = await useCaseHarness({
    mailer: smtpMailer({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: strict.smtpPort,
      SMTP_SECURE: false,
      MAIL_FROM: 'x@daybook.test',
    }),
  });
  try {
    const { userId } = await f.newUser();
    const due = reminderDueEvent(userId, f.now());
    await f.db.$transaction((tx) => f.deliverReminder(tx, due.id, due.data));
    await f.runEmailJobs();
    const email = (await f.listInbox({ userId, view: 'inbox', limit: 5 })).items[0]!.deliveries.find(
      (d) => d.channel === 'email',
    )!;
    expect(email).toMatchObject({ status: 'bounced', attempts: 1 });
    expect(email.lastError).toContain('550');
    expect(f.scheduler.ofKind(emailJob)).toEqual([]);
    const failed = (await f.published()).find((e) => e.type === 'daybook.notification.delivery-failed.v1');
    expect(failed?.data).toMatchObject({ status: 'bounced', attempts: 1 });
  } finally {
    await f.close();
    await strict.stop();
  }
});
