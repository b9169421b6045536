import type { Delivery } from '../../api/notifications';
import { deliveryLabel, deliveryTone, snoozeChoices } from './labels';

const d = (patch: Partial<Delivery>): Delivery => ({
  channel: 'email',
  status: 'sent',
  reason: null,
  attempts: 1,
  lastError: null,
  updatedAt: new Date().toISOString(),
  ...patch,
});

test('each delivery status reads as what happened to the email', () => {
  expect(deliveryLabel(d({}))).toBe('Email sent');
  expect(deliveryLabel(d({ status: 'held', reason: 'quiet-hours', attempts: 0 }))).toBe('Email held for quiet hours');
  expect(deliveryLabel(d({ status: 'queued', attempts: 0 }))).toBe('Email queued');
  expect(deliveryLabel(d({ status: 'queued', attempts: 2 }))).toBe('Email retrying (attempt 3)');
  expect(deliveryLabel(d({ status: 'failed', attempts: 8, lastError: '550 mailbox unavailable' }))).toBe(
    'Email failed after 8 attempts: 550 mailbox unavailable',
  );
  expect(deliveryLabel(d({ status: 'suppressed', reason: 'preference', attempts: 0 }))).toBe(
    'Email off in your preferences',
  );
  expect(deliveryLabel(d({ status: 'suppressed', reason: 'unsubscribed', attempts: 0 }))).toBe(
    'Email not sent (unsubscribed)',
  );
  expect(deliveryTone(d({ status: 'bounced' }))).toBe('bad');
  expect(deliveryTone(d({ status: 'held' }))).toBe('pending');
});

test('snooze choices are ahead of now, in order, and the morning ones at 09:00 local', () => {
  const now = new Date();
  const choices = snoozeChoices('Europe/Paris', now);
  expect(choices[0]!.until.getTime() - now.getTime()).toBe(3_600_000);
  for (let i = 1; i < choices.length; i++) {
    expect(choices[i]!.until.getTime()).toBeGreaterThan(choices[i - 1]!.until.getTime());
  }
  const local = (x: Date) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(x);
  for (const c of choices.filter((x) => /morning|next week/.test(x.label))) expect(local(c.until)).toBe('09:00');
  // The last is next week's Monday (tomorrow, on a Sunday).
  const weekday = (x: Date) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'long' }).format(x);
  expect(weekday(choices.at(-1)!.until)).toBe('Monday');
});
