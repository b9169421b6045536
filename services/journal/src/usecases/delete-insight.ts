import type { Transact } from '../infrastructure/database';
import type { InsightStore } from '../infrastructure/insight-store';

/** A person deletes an insight of theirs (the entry stays; editing it analyses it again). */
export function deleteInsight(deps: { transact: Transact; insights: Pick<InsightStore, 'delete'> }) {
  return (userId: string, id: string): Promise<void> => deps.transact((tx) => deps.insights.delete(tx, userId, id));
}
