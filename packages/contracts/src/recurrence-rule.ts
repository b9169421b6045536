import { rrulestr } from 'rrule';
import { z } from 'zod';

const MAX_RULE_LENGTH = 500;

/**
 * Checks an RFC 5545 recurrence rule the way the recurring service will read it: one RRULE
 * (with or without the `RRULE:` prefix), a FREQ, and no DTSTART (the series starts at the
 * task's due time). Returns the normalised rule text, or the reason it is invalid.
 */
export function parseRecurrenceRule(input: string): { rule: string } | { error: string } {
  const text = input
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
  if (text.length === 0) return { error: 'must not be empty' };
  if (text.length > MAX_RULE_LENGTH) return { error: `must be at most ${MAX_RULE_LENGTH} characters` };
  if (/(^|;|\n)\s*DTSTART/i.test(text) || /\n/.test(text)) {
    return { error: 'must be a single RRULE without DTSTART (the series starts at the due time)' };
  }
  if (!/(^|;)FREQ=/i.test(text)) return { error: 'must have a FREQ (e.g. FREQ=WEEKLY;BYDAY=MO)' };
  try {
    const rule = rrulestr(`RRULE:${text}`);
    // rrule accepts some nonsense silently (e.g. COUNT=0); catch the ones that matter.
    if (rule.options.count !== null && rule.options.count < 1) return { error: 'COUNT must be at least 1' };
    if (rule.options.interval < 1) return { error: 'INTERVAL must be at least 1' };
    return { rule: text };
  } catch (err) {
    return { error: `is not a valid RRULE: ${(err as Error).message}` };
  }
}

/** A word matched in any case, as a pattern without flags (JSON Schema patterns have none). */
const anyCase = (word: string) => [...word].map((c) => (/[A-Z]/.test(c) ? `[${c}${c.toLowerCase()}]` : c)).join('');

/** The properties rrule reads (parsestring.js), but DTSTART, which is refused. */
const RULE_PARTS = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST', 'BYSETPOS', 'BYMONTH', 'BYMONTHDAY', 'BYYEARDAY']
  .concat(['BYWEEKNO', 'BYWEEKDAY', 'BYDAY', 'BYHOUR', 'BYMINUTE', 'BYSECOND', 'BYEASTER', 'TZID'])
  .sort((a, b) => b.length - a.length);

/**
 * The syntax `parseRecurrenceRule` accepts, as a regular expression: an optional `RRULE:`,
 * `NAME=value` parts joined by `;` (names in any case, no DTSTART), one of them a FREQ, on
 * one line. Every rule it accepts matches; its semantic checks are in the description.
 */
export const RECURRENCE_RULE_PATTERN =
  `^\\s*(?:${anyCase('RRULE')}:)?(?=(?:[^;\\n]*;)*${anyCase('FREQ')}=)` +
  `(?:${RULE_PARTS.map(anyCase).join('|')})=[^;\\n]*(?:;(?:${RULE_PARTS.map(anyCase).join('|')})=[^;\\n]*)*\\s*$`;

/** A recurrence rule in a request: checked by `parseRecurrenceRule`, normalised. */
export const recurrenceRule = z
  .string()
  .transform((value, ctx) => {
    const parsed = parseRecurrenceRule(value);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed.rule;
  })
  .meta({
    pattern: RECURRENCE_RULE_PATTERN,
    description:
      'An RFC 5545 recurrence rule: one RRULE (the "RRULE:" prefix is optional), without DTSTART (the series ' +
      'starts at the due time), with a FREQ; any case, stored upper-cased. Beyond this pattern the rule must ' +
      `be at most ${MAX_RULE_LENGTH} characters (without the prefix and surrounding spaces), rrule must read ` +
      'each value (e.g. BYDAY=MO,WE; UNTIL=20261231T235959Z), COUNT and INTERVAL must be at least 1: else a 400.',
    example: 'FREQ=WEEKLY;BYDAY=MO,WE',
  });
