import type { CalendarQuery } from '../domain/entry-input';
import { localDay, streaks } from '../domain/streaks';
import type { Database } from '../infrastructure/database';
import type { EntryStore } from '../infrastructure/entry-store';
import type { SettingsStore } from '../infrastructure/settings-store';

/**
 * The days the user wrote on (with the entries and average mood of each) and their current
 * and longest streaks; "today" is today in the zone asked for, else the user's, else UTC.
 */
export function viewCalendar(deps: {
  db: Database;
  entries: Pick<EntryStore, 'daysWritten'>;
  settings: Pick<SettingsStore, 'of'>;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return async (userId: string, query: CalendarQuery) => {
    const timeZone = query.timeZone ?? (await deps.settings.of(deps.db, userId)).timeZone ?? 'UTC';
    const all = await deps.entries.daysWritten(userId);
    const { current, longest } = streaks(
      all.map((d) => d.date),
      localDay(now(), timeZone),
    );
    const days = all.filter((d) => (!query.from || d.date >= query.from) && (!query.to || d.date <= query.to));
    return { timeZone, today: localDay(now(), timeZone), currentStreak: current, longestStreak: longest, days };
  };
}
