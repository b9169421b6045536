// How a notification's deliveries and snooze choices read to the user (unit-tested).
import type { Delivery } from '../../api/notifications';
import { zonedToIso, todayIn } from '../../lib/dates';

const CHANNEL: Record<Delivery['channel'], string> = { 'in-app': 'In app', email: 'Email' };

/** "Email sent", "Email held for quiet hours", "Email failed after 8 attempts: …" */
export function deliveryLabel(d: Delivery): string {
  const channel = CHANNEL[d.channel] ?? d.channel;
  switch (d.status) {
    case 'queued':
      return d.attempts > 0 ? `${channel} retrying (attempt ${d.attempts + 1})` : `${channel} queued`;
    case 'held':
      return d.reason === 'quiet-hours' ? `${channel} held for quiet hours` : `${channel} held`;
    case 'sent':
      return d.channel === 'in-app' ? 'In app' : `${channel} sent`;
    case 'failed':
      return `${channel} failed${d.attempts > 1 ? ` after ${d.attempts} attempts` : ''}${d.lastError ? `: ${d.lastError}` : ''}`;
    case 'bounced':
      return `${channel} bounced${d.lastError ? `: ${d.lastError}` : ''}`;
    case 'suppressed':
      return d.reason === 'preference'
        ? `${channel} off in your preferences`
        : d.reason === 'unsubscribed'
          ? `${channel} not sent (unsubscribed)`
          : d.reason === 'quiet-hours'
            ? `${channel} skipped for quiet hours`
            : `${channel} not sent`;
    default:
      return `${channel} ${String(d.status)}`;
  }
}

export type DeliveryTone = 'ok' | 'pending' | 'bad' | 'muted';

export function deliveryTone(d: Delivery): DeliveryTone {
  if (d.status === 'sent') return 'ok';
  if (d.status === 'queued' || d.status === 'held') return 'pending';
  if (d.status === 'failed' || d.status === 'bounced') return 'bad';
  return 'muted';
}

export interface SnoozeChoice {
  label: string;
  until: Date;
}

/** In an hour, this evening (18:00, if still ahead), tomorrow 09:00, next Monday 09:00 — in the user's zone. */
export function snoozeChoices(timeZone: string, now = new Date()): SnoozeChoice[] {
  const today = todayIn(timeZone, now);
  const addDays = (date: string, n: number) => {
    const d = new Date(`${date}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };
  const at = (date: string, time: string) => new Date(zonedToIso(`${date}T${time}`, timeZone));
  const choices: SnoozeChoice[] = [{ label: 'For an hour', until: new Date(now.getTime() + 3_600_000) }];
  const evening = at(today, '18:00');
  if (evening.getTime() - now.getTime() > 3_600_000) choices.push({ label: 'Until this evening', until: evening });
  choices.push({ label: 'Until tomorrow morning', until: at(addDays(today, 1), '09:00') });
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
  const toMonday = (8 - weekday) % 7 || 7;
  // On a Sunday, tomorrow morning is already next week.
  if (toMonday > 1) choices.push({ label: 'Until next week', until: at(addDays(today, toMonday), '09:00') });
  return choices;
}
