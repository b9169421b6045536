import type { Database } from '../infrastructure/database';

/** The user's weekly reviews, newest week first. */
export function listWeeklyReviews(deps: { db: Database }) {
  return (userId: string, limit: number) =>
    deps.db.weeklyReview.findMany({ where: { userId }, orderBy: { weekStart: 'desc' }, take: limit });
}
