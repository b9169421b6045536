// Date helpers: wall-clock values for <input type=date|datetime-local>, and display.

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts.slice(0, 10);
}

/** An ISO instant as the browser's local `YYYY-MM-DDTHH:mm` (datetime-local). */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (browser's zone) as an ISO instant. */
export function localInputToIso(value: string): string {
  return new Date(value).toISOString();
}

export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "Today", "Tomorrow", "in 3 days", "2 days ago", or a date. */
export function dayLabel(dueAt: string, timeZone: string, now = new Date()): string {
  const day = todayIn(timeZone, new Date(dueAt));
  const today = todayIn(timeZone, now);
  const diff = Math.round((Date.parse(day) - Date.parse(today)) / 86_400_000);
  if (Math.abs(diff) <= 6) {
    const s = relative.format(diff, 'day');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  return new Intl.DateTimeFormat(undefined, { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(dueAt),
  );
}

export function timeLabel(dueAt: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(dueAt));
}

/** The offset (ms) of a time zone from UTC at an instant. */
function zoneOffset(timeZone: string, at: number): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(at))
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** A wall-clock `YYYY-MM-DDTHH:mm[:ss]` in a time zone as an ISO instant. */
export function zonedToIso(local: string, timeZone: string): string {
  const [d, t = '00:00'] = local.split('T');
  const [y, mo, da] = d!.split('-').map(Number);
  const [h, mi, s = 0] = t.split(':').map(Number);
  const guess = Date.UTC(y!, mo! - 1, da!, h!, mi!, s);
  let at = guess - zoneOffset(timeZone, guess);
  at = guess - zoneOffset(timeZone, at);
  return new Date(at).toISOString();
}

/** Now as a wall-clock `YYYY-MM-DDTHH:mm` in a time zone. */
export function nowIn(timeZone: string, now = new Date()): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' })
      .formatToParts(now)
      .map((x) => [x.type, x.value]),
  );
  return `${todayIn(timeZone, now)}T${p.hour}:${p.minute}`;
}

/** A wall-clock `YYYY-MM-DDTHH:mm:ss` shown as is: "Mon 23 Nov 2026, 09:00". */
export function wallClockLabel(local: string): string {
  const [d, t = '00:00'] = local.split('T');
  const [y, mo, da] = d!.split('-').map(Number);
  const [h, mi] = t.split(':').map(Number);
  return new Intl.DateTimeFormat(undefined, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(Date.UTC(y!, mo! - 1, da!, h!, mi!)));
}

/** An instant in a time zone: "Mon 23 Nov, 09:00". */
export function instantLabel(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}
