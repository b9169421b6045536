// The reminders service (docs/api.md, "reminders — /api/reminders"): a task's reminders
// and snoozing one. Its consumer contract is in reminders.pact.test.ts.
import type { HttpClient } from './http';

// Written by hand until docs/openapi/reminders.json exists: then generate-api-types.ts
// writes generated/reminders.ts, and these become aliases of its types (types.ts).

export interface ReminderState {
  taskId: string;
  reminderId: string;
  taskTitle: string;
  dueAt: string | null;
  fireAt: string;
  status: 'scheduled' | 'fired';
}

export type SnoozeBy = { minutes: number } | { until: string };

export function remindersApi(http: HttpClient) {
  return {
    forTask: async (taskId: string) =>
      (await http.request<{ items: ReminderState[] }>('GET', '/api/reminders', { query: { taskId } })).items,
    snooze: (taskId: string, reminderId: string, by: SnoozeBy) =>
      http.request<unknown>('POST', '/api/reminders/snooze', { body: { taskId, reminderId, ...by } }),
  };
}

export type RemindersApi = ReturnType<typeof remindersApi>;
