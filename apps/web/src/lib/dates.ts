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
