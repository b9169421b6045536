// The journal service (docs/api.md, "journal — /api/journal"): the calls the app makes.
import type { HttpClient } from './http';
import type {
  JournalCalendar,
  JournalEntry,
  JournalEntryInput,
  JournalEntryPage,
  JournalEntryPatch,
  JournalEntryQuery,
  JournalInsights,
  JournalSettings,
  JournalSettingsInput,
  WeeklyReview,
} from './types';

const base = '/api/journal';
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export function journalApi(http: HttpClient) {
  return {
    /** Every entry of the caller's, for "your data". */
    exportData: () => http.request<{ entries: JournalEntry[] }>('GET', `${base}/export`),
    /** Entries of a journal export, all or nothing. */
    importData: (entries: unknown[]) =>
      http.request<{ imported: number }>('POST', `${base}/import`, { body: { entries } }),
    list: (query: JournalEntryQuery = {}) =>
      http.request<JournalEntryPage>('GET', `${base}/entries`, { query: { ...query } }),
    get: (id: string) => http.request<JournalEntry>('GET', `${base}/entries/${id}`),
    create: (input: JournalEntryInput) => http.request<JournalEntry>('POST', `${base}/entries`, { body: input }),
    update: (id: string, version: number, patch: JournalEntryPatch) =>
      http.request<JournalEntry>('PATCH', `${base}/entries/${id}`, { body: patch, headers: ifMatch(version) }),
    remove: (id: string) => http.request<JournalEntry>('DELETE', `${base}/entries/${id}`),
    restore: (id: string) => http.request<JournalEntry>('POST', `${base}/entries/${id}/restore`),
    calendar: (timeZone: string) => http.request<JournalCalendar>('GET', `${base}/calendar`, { query: { timeZone } }),
    insights: (limit = 50) => http.request<JournalInsights>('GET', `${base}/insights`, { query: { limit } }),
    deleteInsight: (id: string) => http.request<void>('DELETE', `${base}/insights/${id}`),
    /** 202 Accepted: the client answers no body for it (the entry, read again, shows the request). */
    turnIntoTask: (insightId: string, suggestionId: string) =>
      http.request<void>('POST', `${base}/insights/${insightId}/suggestions/${suggestionId}/task`),
    reviews: async (limit = 4) =>
      (await http.request<{ items: WeeklyReview[] }>('GET', `${base}/reviews`, { query: { limit } })).items,
    settings: () => http.request<JournalSettings>('GET', `${base}/settings`),
    changeSettings: (input: JournalSettingsInput) =>
      http.request<JournalSettings>('PATCH', `${base}/settings`, { body: input }),
  };
}

export type JournalApi = ReturnType<typeof journalApi>;
