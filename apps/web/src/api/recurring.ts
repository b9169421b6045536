// The recurring service (docs/api.md, "recurring"): the preview of a rule's next dates.
// Its consumer contract is in recurring.pact.test.ts.
import type { HttpClient } from './http';

export interface PreviewQuery {
  rrule: string;
  /** Local wall-clock start, YYYY-MM-DDTHH:mm. */
  start: string;
  timeZone: string;
  exdates?: string[];
  count?: number;
}

export interface PreviewOccurrence {
  /** Local wall-clock time in the time zone, YYYY-MM-DDTHH:mm:ss. */
  local: string;
  /** The instant, ISO 8601. */
  at: string;
}

export function recurringApi(http: HttpClient) {
  return {
    preview: (q: PreviewQuery, signal?: AbortSignal) =>
      http.request<{ occurrences: PreviewOccurrence[] }>('GET', '/api/recurring/preview', {
        query: { rrule: q.rrule, start: q.start, timeZone: q.timeZone, exdates: q.exdates, count: q.count ?? 5 },
        signal,
      }),
  };
}

export type RecurringApi = ReturnType<typeof recurringApi>;
