// Pure helpers of the journal page (no JSX), unit-tested in journal.test.ts.

/** Days from `today` back `days - 1` days, oldest first (YYYY-MM-DD, calendar arithmetic in UTC). */
export function lastDays(today: string, days: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** `#/journal`, or `#/journal?entry=<id>` (the link a task made from a suggestion carries). */
export function journalRoute(path: string): { entry?: string } | undefined {
  const match = /^\/journal(?:\?entry=([0-9a-f-]{36}))?$/.exec(path);
  return match ? (match[1] ? { entry: match[1] } : {}) : undefined;
}
