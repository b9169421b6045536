import { job, type JobHandler } from '@daybook/service-kit';
import type { UseCases } from '../app';
import { weeklyReviewJob } from './weekly-review-job';

/** Dapr jobs the journal service handles (POST /job/<kind>--<id>): each calls a use case. */
export function jobHandlers(useCases: Pick<UseCases, 'writeWeeklyReview'>): JobHandler[] {
  return [job(weeklyReviewJob, async (data) => void (await useCases.writeWeeklyReview(data)))];
}
