import { DateTime } from 'luxon';

/** The next Sunday at `time` (HH:mm) in the zone strictly after `now`: when the review is due. */
export function nextReviewAt(now: Date, time: string, timeZone: string): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  let candidate = local.set({ weekday: 7, hour, minute, second: 0, millisecond: 0 });
  if (candidate <= local) candidate = candidate.plus({ weeks: 1 }).set({ hour, minute });
  return candidate.toJSDate();
}

/** The local week (Monday to Sunday) that a review written at `at` looks back on. */
export function weekOf(at: Date, timeZone: string): { from: string; to: string } {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const monday = local.startOf('week');
  return { from: monday.toISODate()!, to: monday.plus({ days: 6 }).toISODate()! };
}

/** The themes named most often across the week's insights, most frequent first. */
export function themesOfWeek(themeLists: string[][], max = 5): string[] {
  const counts = new Map<string, number>();
  for (const themes of themeLists) for (const t of new Set(themes)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([t]) => t);
}
