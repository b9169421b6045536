// The recurrence editor's model: human choices ↔ an RRULE string (RFC 5545, the subset the
// editor can show). `parseRule` returns null for a rule the choices cannot represent exactly,
// and the editor falls back to the advanced text field for it.

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
export const WORKWEEK: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

export type Freq = 'never' | 'daily' | 'weekly' | 'monthly' | 'yearly';
export type Nth = 1 | 2 | 3 | 4 | -1;
export const NTHS: Nth[] = [1, 2, 3, 4, -1];
export const NTH_NAMES: Record<string, string> = { '1': '1st', '2': '2nd', '3': '3rd', '4': '4th', '-1': 'last' };

export interface RuleChoices {
  freq: Freq;
  /** Every N days/weeks/months/years (1 or more). */
  interval: number;
  /** Weekly: the weekdays (empty = the start's weekday). */
  byDay: Weekday[];
  /** Monthly: on day N, on the last day, or on the Nth weekday. */
  monthlyKind: 'day' | 'last-day' | 'nth';
  monthDay: number;
  nth: Nth;
  nthWeekday: Weekday;
  endKind: 'never' | 'count' | 'until';
  count: number;
  /** YYYY-MM-DD, the last day an occurrence may fall on. */
  until: string;
}

export function defaultChoices(freq: Freq = 'never', start?: Date): RuleChoices {
  const d = start ?? new Date();
  return {
    freq,
    interval: 1,
    byDay: [],
    monthlyKind: 'day',
    monthDay: d.getDate(),
    nth: 1,
    nthWeekday: WEEKDAYS[(d.getDay() + 6) % 7]!,
    endKind: 'never',
    count: 5,
    until: '',
  };
}

const FREQS: Record<string, Freq> = { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly', YEARLY: 'yearly' };

/** The RRULE for the choices ('' for "never"). */
export function buildRule(c: RuleChoices): string {
  if (c.freq === 'never') return '';
  const parts = [`FREQ=${c.freq.toUpperCase()}`];
  if (c.interval > 1) parts.push(`INTERVAL=${Math.floor(c.interval)}`);
  if (c.freq === 'weekly' && c.byDay.length) {
    parts.push(`BYDAY=${WEEKDAYS.filter((d) => c.byDay.includes(d)).join(',')}`);
  }
  if (c.freq === 'monthly') {
    if (c.monthlyKind === 'day') parts.push(`BYMONTHDAY=${c.monthDay}`);
    else if (c.monthlyKind === 'last-day') parts.push('BYMONTHDAY=-1');
    else parts.push(`BYDAY=${c.nth}${c.nthWeekday}`);
  }
  if (c.endKind === 'count') parts.push(`COUNT=${Math.max(1, Math.floor(c.count))}`);
  if (c.endKind === 'until' && /^\d{4}-\d{2}-\d{2}$/.test(c.until)) {
    parts.push(`UNTIL=${c.until.replace(/-/g, '')}T235959Z`);
  }
  return parts.join(';');
}

function toMap(rrule: string): Map<string, string> | null {
  const map = new Map<string, string>();
  for (const part of rrule
    .trim()
    .replace(/^RRULE:/i, '')
    .split(';')) {
    if (!part) continue;
    const [k, v, ...rest] = part.split('=');
    if (!k || v === undefined || rest.length || map.has(k.toUpperCase())) return null;
    map.set(k.toUpperCase(), v.toUpperCase());
  }
  return map;
}

function sameRule(a: string, b: string): boolean {
  const norm = (s: string) => {
    const m = toMap(s);
    if (!m) return null;
    if (m.get('INTERVAL') === '1') m.delete('INTERVAL');
    const byDay = m.get('BYDAY');
    if (byDay) m.set('BYDAY', byDay.split(',').sort().join(','));
    return JSON.stringify([...m.entries()].sort(([x], [y]) => x.localeCompare(y)));
  };
  const na = norm(a);
  return na !== null && na === norm(b);
}

/** The choices for an RRULE, or null when the editor cannot represent it exactly. */
export function parseRule(rrule: string): RuleChoices | null {
  if (!rrule.trim()) return defaultChoices('never');
  const m = toMap(rrule);
  const freq = m && FREQS[m.get('FREQ') ?? ''];
  if (!m || !freq) return null;
  const c = defaultChoices(freq);
  const int = (key: string) => (m.has(key) && /^-?\d+$/.test(m.get(key)!) ? Number(m.get(key)) : undefined);

  if (m.has('INTERVAL')) {
    const n = int('INTERVAL');
    if (!n || n < 1) return null;
    c.interval = n;
  }
  const byDay = m.get('BYDAY');
  if (freq === 'weekly' && byDay) {
    const days = byDay.split(',');
    if (!days.every((d) => (WEEKDAYS as readonly string[]).includes(d))) return null;
    c.byDay = days as Weekday[];
  }
  if (freq === 'monthly') {
    const day = int('BYMONTHDAY');
    const nth = byDay && /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(byDay);
    if (day === -1) c.monthlyKind = 'last-day';
    else if (day !== undefined && day >= 1 && day <= 31) c.monthDay = day;
    else if (nth) {
      c.monthlyKind = 'nth';
      c.nth = Number(nth[1]) as Nth;
      c.nthWeekday = nth[2] as Weekday;
    } else return null;
  }
  if (m.has('COUNT')) {
    const n = int('COUNT');
    if (!n || n < 1) return null;
    c.endKind = 'count';
    c.count = n;
  }
  const until = m.get('UNTIL');
  if (until) {
    const u = /^(\d{4})(\d{2})(\d{2})T235959Z$/.exec(until);
    if (!u) return null;
    c.endKind = 'until';
    c.until = `${u[1]}-${u[2]}-${u[3]}`;
  }
  // Anything the choices dropped (BYSETPOS, WKST, BYMONTH…) means the rule is not theirs.
  return sameRule(buildRule(c), rrule) ? c : null;
}

/** A short sentence for the rule, e.g. "Every 2 weeks on Monday and Thursday, 5 times". */
export function describeRule(c: RuleChoices): string {
  if (c.freq === 'never') return 'Does not repeat';
  const unit = { daily: 'day', weekly: 'week', monthly: 'month', yearly: 'year' }[c.freq];
  let s = c.interval > 1 ? `Every ${c.interval} ${unit}s` : `Every ${unit}`;
  if (c.freq === 'weekly' && c.byDay.length) {
    const names = WEEKDAYS.filter((d) => c.byDay.includes(d)).map((d) => WEEKDAY_NAMES[d]);
    s += ` on ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]}`;
  }
  if (c.freq === 'monthly') {
    s +=
      c.monthlyKind === 'day'
        ? ` on day ${c.monthDay}`
        : c.monthlyKind === 'last-day'
          ? ' on the last day'
          : ` on the ${NTH_NAMES[String(c.nth)]} ${WEEKDAY_NAMES[c.nthWeekday]}`;
  }
  if (c.endKind === 'count') s += `, ${c.count} time${c.count === 1 ? '' : 's'}`;
  if (c.endKind === 'until' && c.until) s += `, until ${c.until}`;
  return s;
}
