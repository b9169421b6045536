// Natural-language quick add: "Pay rent every month on the 1st at 9am #home !high @Bills" →
// a title, a due date or time, an RRULE, tags, a priority and a list. Dates and times are
// chrono-node's (English only, US or GB day order); the recurring phrases, which chrono does
// not read, are ours. Only chrono's English parser is imported (`en`): the other locales are
// tree-shaken, and it adds about 18 KB gzipped to the first load. Pure: the reference instant
// and the zone are passed in, so the phrase table (quick-add-parse.test.ts) does not depend on
// the day it runs.
import { en as chrono } from 'chrono-node';
import type { Priority } from '../../api/types';
import { WEEKDAYS, type Weekday } from '../recurrence/rule';

export type PartKind = 'recurrence' | 'date' | 'tag' | 'priority' | 'list';

export interface Part {
  kind: PartKind;
  start: number;
  end: number;
  text: string;
  /** What the part means, for the chip and its tooltip ("Repeats monthly on day 1"). */
  label: string;
  /** Stable while the person types after it: what "take this literally" remembers. */
  key: string;
}

export interface QuickAddResult {
  title: string;
  parts: Part[];
  /** A date (all day) or a wall-clock date-time in `timeZone`. */
  due: { date: string } | { dateTime: string; timeZone: string } | null;
  rrule: string | null;
  tagNames: string[];
  priority: Priority | null;
  listId: string | null;
  /** Things the person should know ("No list called Bills: left in the title"). */
  notes: string[];
}

export interface ParseOptions {
  /** The reference instant ("today", "tomorrow", "next Friday" count from it). */
  now: Date;
  timeZone: string;
  /** Day order of numeric dates: en-US reads 3/4 as 4 March's opposite, en-GB as 3 April. */
  locale?: string;
  lists?: { id: string; name: string }[];
  /** Keys of parts the person chose to keep as text. */
  literal?: ReadonlySet<string>;
}

const PRIORITY_WORDS: Record<string, Priority> = {
  urgent: 'urgent',
  high: 'high',
  medium: 'medium',
  med: 'medium',
  low: 'low',
  // Todoist's p1…p4: 1 is the most pressing.
  '1': 'urgent',
  '2': 'high',
  '3': 'medium',
  '4': 'low',
};

const DAY_WORDS: Record<string, Weekday> = {
  mon: 'MO',
  monday: 'MO',
  mondays: 'MO',
  tue: 'TU',
  tues: 'TU',
  tuesday: 'TU',
  tuesdays: 'TU',
  wed: 'WE',
  wednesday: 'WE',
  wednesdays: 'WE',
  thu: 'TH',
  thur: 'TH',
  thurs: 'TH',
  thursday: 'TH',
  thursdays: 'TH',
  fri: 'FR',
  friday: 'FR',
  fridays: 'FR',
  sat: 'SA',
  saturday: 'SA',
  saturdays: 'SA',
  sun: 'SU',
  sunday: 'SU',
  sundays: 'SU',
};
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAY = `(?:${Object.keys(DAY_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const NTH_WORD = '(first|second|third|fourth|1st|2nd|3rd|4th|last)';
const MONTH = `(?:${MONTHS.map((m) => (m.length > 3 ? `${m.slice(0, 3)}(?:${m.slice(3)})?` : m)).join('|')})`;
const ORD = '(\\d{1,2})(?:st|nd|rd|th)?';
const UNIT: Record<string, string> = { day: 'DAILY', week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' };
const NTH: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  last: -1,
};

const monthNumber = (word: string) => MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().slice(0, 3))) + 1;
const days = (list: string) =>
  WEEKDAYS.filter((d) =>
    list
      .toLowerCase()
      .split(/\s*(?:,|\band\b|&)\s*/)
      .some((w) => DAY_WORDS[w.trim()] === d),
  );

interface RuleMatch {
  rrule: string;
  label: string;
}

/** Recurring phrases, most specific first. Each returns the RRULE and a human label. */
const RULES: { re: RegExp; rule: (m: RegExpExecArray) => RuleMatch | null }[] = [
  {
    // every year on 4 July / every year on July 4th / every 4 July / yearly on 4 July
    re: new RegExp(
      `\\b(?:every year on|yearly on|annually on|every)\\s+(?:${ORD}\\s+(${MONTH})|(${MONTH})\\s+${ORD})\\b`,
      'i',
    ),
    rule: (m) => {
      const day = Number(m[1] ?? m[4]);
      const month = monthNumber((m[2] ?? m[3])!);
      if (!month || day < 1 || day > 31) return null;
      return {
        rrule: `FREQ=YEARLY;BYMONTH=${month};BYMONTHDAY=${day}`,
        label: `Repeats every year on ${day} ${MONTHS[month - 1]}`,
      };
    },
  },
  {
    // (every) last day of the month / every month on the last day
    re: /\b(?:(?:on\s+)?(?:the\s+|every\s+)?last day of (?:the|every|each) month|every month on the last day)\b/i,
    rule: () => ({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', label: 'Repeats on the last day of every month' }),
  },
  {
    // every first Monday (of the month) / on the last Friday of every month
    re: new RegExp(
      `\\b(?:every\\s+${NTH_WORD}\\s+(${DAY})(?:\\s+of\\s+(?:the|every|each)\\s+month)?|on\\s+the\\s+${NTH_WORD}\\s+(${DAY})\\s+of\\s+(?:every|each)\\s+month)\\b`,
      'i',
    ),
    rule: (m) => {
      const nth = (m[1] ?? m[3])!.toLowerCase();
      const day = (m[2] ?? m[4])!;
      return {
        rrule: `FREQ=MONTHLY;BYDAY=${NTH[nth]}${DAY_WORDS[day.toLowerCase()]}`,
        label: `Repeats monthly on the ${nth} ${day}`,
      };
    },
  },
  {
    // every month on the 1st / monthly on the 15th / every 2 months on the 3rd / on the 1st of every month
    re: new RegExp(
      `\\b(?:(?:every\\s+(?:(\\d+)\\s+months?|month)|monthly)\\s+on\\s+the\\s+${ORD}|on\\s+the\\s+${ORD}\\s+of\\s+(?:every|each)\\s+month)\\b`,
      'i',
    ),
    rule: (m) => {
      const day = Number(m[2] ?? m[3]);
      if (day < 1 || day > 31) return null;
      const interval = Number(m[1] ?? 1);
      return {
        rrule: `FREQ=MONTHLY${interval > 1 ? `;INTERVAL=${interval}` : ''};BYMONTHDAY=${day}`,
        label: `Repeats every ${interval > 1 ? `${interval} months` : 'month'} on day ${day}`,
      };
    },
  },
  {
    re: /\bevery\s+(?:week)?day\b(?!s)/i,
    rule: (m) =>
      /weekday/i.test(m[0])
        ? { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', label: 'Repeats every weekday' }
        : { rrule: 'FREQ=DAILY', label: 'Repeats every day' },
  },
  {
    re: /\bevery\s+weekend\b/i,
    rule: () => ({ rrule: 'FREQ=WEEKLY;BYDAY=SA,SU', label: 'Repeats every weekend' }),
  },
  {
    // every Monday and Thursday / every other Tuesday / every mon, wed & fri
    re: new RegExp(`\\bevery\\s+(other\\s+)?(${DAY}(?:\\s*(?:,|and|&)\\s*${DAY})*)\\b`, 'i'),
    rule: (m) => {
      const byDay = days(m[2]!);
      if (!byDay.length) return null;
      const every = m[1] ? 'every other week' : 'every week';
      return {
        rrule: `FREQ=WEEKLY${m[1] ? ';INTERVAL=2' : ''};BYDAY=${byDay.join(',')}`,
        label: `Repeats ${every} on ${byDay.map((d) => DAY_NAMES[d]).join(', ')}`,
      };
    },
  },
  {
    // every 3 months / every other week / every day / every year
    re: /\bevery\s+(?:(\d+|other)\s+)?(day|week|month|year)s?\b/i,
    rule: (m) => {
      const interval = m[1] ? (m[1].toLowerCase() === 'other' ? 2 : Number(m[1])) : 1;
      if (!interval || interval > 999) return null;
      const unit = m[2]!.toLowerCase();
      return {
        rrule: `FREQ=${UNIT[unit]}${interval > 1 ? `;INTERVAL=${interval}` : ''}`,
        label: `Repeats every ${interval > 1 ? `${interval} ${unit}s` : unit}`,
      };
    },
  },
  {
    re: /\b(daily|weekly|monthly|yearly|annually)\b/i,
    rule: (m) => {
      const w = m[1]!.toLowerCase();
      const unit = w === 'daily' ? 'day' : w === 'annually' ? 'year' : w.replace(/ly$/, '');
      return { rrule: `FREQ=${UNIT[unit]}`, label: `Repeats every ${unit}` };
    },
  },
];

const DAY_NAMES: Record<Weekday, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
};

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The wall clock of an instant in a zone, as numbers. */
function wallClock(now: Date, timeZone: string) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(now)
      .map((x) => [x.type, Number(x.value)]),
  );
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute! };
}

/** Whether a day (as a UTC date) is one of the rule's occurrences (for the rules built above). */
function ruleMatches(rrule: string, d: Date): boolean {
  const m = new Map(rrule.split(';').map((p) => p.split('=') as [string, string]));
  const byDay = m.get('BYDAY');
  const weekday = WEEKDAYS[(d.getUTCDay() + 6) % 7]!;
  const monthDay = m.get('BYMONTHDAY');
  if (m.has('BYMONTH') && Number(m.get('BYMONTH')) !== d.getUTCMonth() + 1) return false;
  if (monthDay) {
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    const want = Number(monthDay) === -1 ? last : Number(monthDay);
    return d.getUTCDate() === want;
  }
  if (byDay && m.get('FREQ') === 'MONTHLY') {
    const nth = /^(-?\d)(\w\w)$/.exec(byDay);
    if (!nth || nth[2] !== weekday) return false;
    const n = Number(nth[1]);
    if (n > 0) return Math.ceil(d.getUTCDate() / 7) === n;
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    return d.getUTCDate() + 7 > last;
  }
  if (byDay) return byDay.split(',').includes(weekday);
  return true;
}

/** The first day on or after `from` that the rule falls on (its DTSTART must be an occurrence). */
export function firstOccurrence(rrule: string, from: string): string {
  const [y, mo, d] = from.split('-').map(Number);
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  for (let i = 0; i < 800; i++, day.setUTCDate(day.getUTCDate() + 1)) if (ruleMatches(rrule, day)) return ymd(day);
  return from;
}

const TIME_WORDS = /\b(morning|noon|afternoon|evening|night|tonight|midnight)\b/i;

export function parseQuickAdd(text: string, opts: ParseOptions): QuickAddResult {
  const literal = opts.literal ?? new Set<string>();
  const parts: Part[] = [];
  const notes: string[] = [];
  // Spans already taken by a part, blanked out so that later passes do not see them again.
  let rest = text;
  const take = (kind: PartKind, start: number, matched: string, label: string): Part | null => {
    const key = `${kind}:${start}:${matched.toLowerCase()}`;
    if (literal.has(key)) return null;
    const part = { kind, start, end: start + matched.length, text: matched, label, key };
    parts.push(part);
    rest = rest.slice(0, start) + ' '.repeat(matched.length) + rest.slice(part.end);
    return part;
  };
  // Finds the first match of `re` in `rest` that is not taken literally.
  const matches = function* (re: RegExp) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (let m = g.exec(rest); m; m = g.exec(rest)) yield m;
  };

  // Tags, priority, list: explicit markers first, they cannot be anything else.
  const tagNames: string[] = [];
  for (const m of matches(/(^|\s)#([\p{L}\p{N}_-]{1,50})(?=\s|$)/u)) {
    const start = m.index + m[1]!.length;
    if (take('tag', start, `#${m[2]}`, `Tag ${m[2]}`)) {
      if (!tagNames.some((t) => t.toLowerCase() === m[2]!.toLowerCase())) tagNames.push(m[2]!);
    }
  }
  let priority: Priority | null = null;
  for (const m of matches(/(^|\s)!(urgent|high|medium|med|low|[1-4])(?=\s|$)/i)) {
    const p = PRIORITY_WORDS[m[2]!.toLowerCase()]!;
    if (take('priority', m.index + m[1]!.length, `!${m[2]}`, `Priority ${p}`)) priority = p;
  }
  let listId: string | null = null;
  const lists = [...(opts.lists ?? [])].sort((a, b) => b.name.length - a.name.length);
  for (const m of matches(/(^|\s)@(\S+)/)) {
    const start = m.index + m[1]!.length;
    const after = rest.slice(start + 1);
    // The longest list name that follows the @ (names may have spaces).
    const list = lists.find(
      (l) =>
        after.toLowerCase().startsWith(l.name.toLowerCase()) &&
        (after.length === l.name.length || /\s/.test(after[l.name.length]!)),
    );
    if (list) {
      if (take('list', start, `@${after.slice(0, list.name.length)}`, `List ${list.name}`)) listId = list.id;
    } else if (!literal.has(`list:${start}:@${m[2]!.toLowerCase()}`)) {
      notes.push(`No list called “${m[2]}”: it stays in the title.`);
    }
  }

  // Recurring phrases.
  let rrule: string | null = null;
  for (const { re, rule } of RULES) {
    if (rrule) break;
    for (const m of matches(re)) {
      const r = rule(m);
      if (r && take('recurrence', m.index, m[0], r.label)) {
        rrule = r.rrule;
        break;
      }
    }
  }

  // Dates and times: chrono, on what is left. Its reference is the wall clock in the user's
  // zone, built as a local Date, so that its components are that zone's.
  const wall = wallClock(opts.now, opts.timeZone);
  const ref = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const parser = /^en-(GB|AU|NZ|IE|IN|ZA)\b/i.test(opts.locale ?? 'en-US') ? chrono.GB : chrono.casual;
  let date: string | null = null;
  let time: string | null = null;
  for (const r of parser.parse(rest, ref, { forwardDate: true })) {
    const hasDay = r.start.isCertain('day') || r.start.isCertain('weekday') || r.start.isCertain('month');
    const hasTime = r.start.isCertain('hour') || TIME_WORDS.test(r.text);
    if ((hasDay && date) || (hasTime && time) || (!hasDay && !hasTime)) continue;
    const y = r.start.get('year')!;
    const mo = r.start.get('month')!;
    const d = r.start.get('day')!;
    const h = r.start.get('hour') ?? 0;
    const mi = r.start.get('minute') ?? 0;
    const day = `${y}-${pad(mo)}-${pad(d)}`;
    const at = `${pad(h)}:${pad(mi)}`;
    const label = hasDay && hasTime ? `Due ${day} ${at}` : hasDay ? `Due ${day}` : `At ${at}`;
    if (!take('date', r.index, r.text, label)) continue;
    // A time alone: chrono already moved it to tomorrow when today's has passed.
    if (hasDay || !rrule) date = day;
    if (hasTime) time = at;
  }

  const today = `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
  if (rrule) {
    // The first occurrence on or after the date said (or today); today's, if its time has passed, is tomorrow's.
    let from = date ?? today;
    if (!date && time && from === today && time <= `${pad(wall.hour)}:${pad(wall.minute)}`) {
      from = firstOccurrence('FREQ=DAILY', ymd(new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1))));
    }
    date = firstOccurrence(rrule, from);
  }
  const due = date ? (time ? { dateTime: `${date}T${time}:00`, timeZone: opts.timeZone } : { date }) : null;

  parts.sort((a, b) => a.start - b.start);
  const title = rest.replace(/\s+/g, ' ').trim();
  return { title, parts, due, rrule, tagNames, priority, listId, notes };
}
