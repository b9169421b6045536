// The recurring service (docs/api.md, "recurring"): the preview of a rule's next dates.
// Its consumer contract is in recurring.pact.test.ts.
import type { HttpClient } from './http';
import type { PreviewQuery, PreviewResponse } from './types';

export type { PreviewOccurrence, PreviewQuery } from './types';

export function recurringApi(http: HttpClient) {
  return {
    preview: (q: PreviewQuery, signal?: AbortSignal) =>
      http.request<PreviewResponse>('GET', '/api/recurring/preview', {
        query: { rrule: q.rrule, start: q.start, timeZone: q.timeZone, exdates: q.exdates, count: q.count ?? 5 },
        signal,
      }),
    /** When the next one of an after-completion series is due if completed at `completedAt`. */
    ifCompleted: async (q: PreviewQuery & { completedAt: string }, signal?: AbortSignal) =>
      (
        await http.request<PreviewResponse>('GET', '/api/recurring/preview', {
          query: {
            rrule: q.rrule,
            start: q.start,
            timeZone: q.timeZone,
            exdates: q.exdates,
            count: 1,
            completedAt: q.completedAt,
          },
          signal,
        })
      ).ifCompleted ?? null,
  };
}

export type RecurringApi = ReturnType<typeof recurringApi>;
