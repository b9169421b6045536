// The reminders service (docs/api.md, "reminders — /api/reminders"): a task's reminders
// and snoozing one. Its consumer contract is in reminders.pact.test.ts.
import type { HttpClient } from './http';

import type { ReminderState, SnoozeBy } from './types';

export type { ReminderState, SnoozeBy } from './types';

export function remindersApi(http: HttpClient) {
  return {
    forTask: async (taskId: string) =>
      (await http.request<{ items: ReminderState[] }>('GET', '/api/reminders', { query: { taskId } })).items,
    snooze: (taskId: string, reminderId: string, by: SnoozeBy) =>
      http.request<ReminderState>('POST', '/api/reminders/snooze', { body: { taskId, reminderId, ...by } }),
  };
}

export type RemindersApi = ReturnType<typeof remindersApi>;
