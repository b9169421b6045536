import { randomUUID } from 'node:crypto';
import { journalTaskRequested } from '@daybook/contracts';
import { NotFound } from '@daybook/service-kit';
import { storedSuggestions } from '../domain/insight';
import type { Transact } from '../infrastructure/database';
import type { InsightStore } from '../infrastructure/insight-store';
import type { Publish } from '../infrastructure/outbox';

/** Where the web app shows an entry: the link a task made from it carries back. */
export const entryLink = (entryId: string) => `/#/journal?entry=${entryId}`;

/**
 * A person turns a suggested follow-up into a task: the journal asks the tasks service for it
 * with an event (never its API). A suggestion is asked for once: asking again answers the
 * first request, so a double click makes one task; the tasks service creates one task per
 * request id, whatever the redelivery.
 */
export function turnSuggestionIntoTask(deps: {
  transact: Transact;
  insights: Pick<InsightStore, 'lock' | 'setSuggestions'>;
  publish: Publish;
  now?: () => Date;
}) {
  const { transact, insights, publish } = deps;
  const now = deps.now ?? (() => new Date());
  return (userId: string, insightId: string, suggestionId: string) =>
    transact(async (tx) => {
      const insight = await insights.lock(tx, userId, insightId);
      const suggestions = storedSuggestions.parse(insight.suggestions);
      const suggestion = suggestions.find((s) => s.id === suggestionId);
      if (!suggestion) throw new NotFound('suggestion');
      if (suggestion.taskRequestId) return { requestId: suggestion.taskRequestId, created: false };
      const requestId = randomUUID();
      await insights.setSuggestions(
        tx,
        insight.id,
        suggestions.map((s) => (s.id === suggestionId ? { ...s, taskRequestId: requestId } : s)),
      );
      await publish(
        tx,
        journalTaskRequested,
        {
          requestId,
          userId,
          entryId: insight.entryId,
          title: suggestion.text,
          source: { kind: 'journal-entry', entryId: insight.entryId, url: entryLink(insight.entryId) },
          requestedAt: now().toISOString(),
        },
        { subject: insight.entryId },
      );
      return { requestId, created: true };
    });
}
