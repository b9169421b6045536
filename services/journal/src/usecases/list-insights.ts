import type { InsightStore } from '../infrastructure/insight-store';

/** The user's insights, newest first, each with the entry it came from. */
export function listInsights(deps: { insights: Pick<InsightStore, 'list'> }) {
  return (userId: string, limit: number) => deps.insights.list(userId, limit);
}
