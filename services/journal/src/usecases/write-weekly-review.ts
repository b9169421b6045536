import { randomUUID } from 'node:crypto';
import { themesOfWeek, weekOf, nextReviewAt } from '../domain/review-week';
import { localDay, streaks } from '../domain/streaks';
import type { WeeklyReviewJobData } from '../jobs/weekly-review-job';
import type { Transact } from '../infrastructure/database';
import type { EntryStore } from '../infrastructure/entry-store';
import type { SettingsStore } from '../infrastructure/settings-store';
import type { ScheduleReview } from './schedule-weekly-review';

/**
 * The weekly review falls due (a Dapr job): the week's themes (from its insights), its mood
 * trend (average mood per local day) and the streak, stored once per user and week; then the
 * next review is scheduled. A trigger of an outdated schedule does nothing.
 */
export function writeWeeklyReview(deps: {
  transact: Transact;
  entries: Pick<EntryStore, 'inDays' | 'daysWritten'>;
  settings: Pick<SettingsStore, 'of'>;
  scheduleReview: ScheduleReview;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return ({ userId, reviewVersion }: WeeklyReviewJobData) =>
    deps.transact(async (tx) => {
      const settings = await deps.settings.of(tx, userId);
      if (settings.reviewVersion !== reviewVersion || !settings.reviewTime) return null;
      const timeZone = settings.timeZone ?? 'UTC';
      const { from, to } = weekOf(now(), timeZone);
      const week = await deps.entries.inDays(tx, userId, from, to);
      const byDay = new Map<string, number[]>();
      for (const e of week) if (e.mood !== null) byDay.set(e.writtenOn, [...(byDay.get(e.writtenOn) ?? []), e.mood]);
      const moodTrend = [...byDay.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, moods]) => ({
          date,
          mood: Math.round((moods.reduce((a, b) => a + b, 0) / moods.length) * 10) / 10,
        }));
      const days = await deps.entries.daysWritten(userId);
      const { current } = streaks(
        days.map((d) => d.date),
        localDay(now(), timeZone),
      );
      const data = {
        themes: themesOfWeek(week.map((e) => e.insight?.themes ?? [])),
        moodTrend,
        entryIds: week.map((e) => e.id),
        streak: current,
      };
      const review = await tx.weeklyReview.upsert({
        where: { userId_weekStart: { userId, weekStart: from } },
        create: { id: randomUUID(), userId, weekStart: from, ...data },
        update: data,
      });
      await deps.scheduleReview(
        tx,
        userId,
        settings,
        nextReviewAt(new Date(now().getTime() + 60_000), settings.reviewTime, timeZone),
      );
      return review;
    });
}
export type WriteWeeklyReview = ReturnType<typeof writeWeeklyReview>;
