import type { Jobs } from '@daybook/service-kit';
import { nextReviewAt } from '../domain/review-week';
import { weeklyReviewJob } from '../jobs/weekly-review-job';
import type { Tx } from '../infrastructure/database';
import type { JournalSettings } from '../infrastructure/settings-store';

export type ScheduleReview = (tx: Tx, userId: string, settings: JournalSettings, at?: Date) => Promise<void>;

/**
 * (Re)schedules the user's weekly review job at their next review time, or cancels it when
 * they chose none. One job per user, replaced on every change.
 */
export function weeklyReviewScheduler(deps: { jobs: Jobs; now?: () => Date }): ScheduleReview {
  const now = deps.now ?? (() => new Date());
  return async (_tx, userId, settings, at) => {
    if (!settings.reviewTime) {
      await deps.jobs.cancel(weeklyReviewJob, userId);
      return;
    }
    const due = at ?? nextReviewAt(now(), settings.reviewTime, settings.timeZone ?? 'UTC');
    await deps.jobs.schedule(weeklyReviewJob, userId, { at: due }, { userId, reviewVersion: settings.reviewVersion });
  };
}
