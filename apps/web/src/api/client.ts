// The browser's API clients, on the gateway's origin. The session (state/session.ts)
// plugs in the access token and the silent refresh.
import { auditApi } from './audit';
import { createHttp } from './http';
import { identityApi } from './identity';
import { journalApi } from './journal';
import { notificationsApi } from './notifications';
import { recurringApi } from './recurring';
import { remindersApi } from './reminders';
import { tasksApi } from './tasks';

interface TokenSource {
  accessToken(): string | null;
  refresh(): Promise<boolean>;
}

let source: TokenSource = { accessToken: () => null, refresh: async () => false };

export function connectTokenSource(s: TokenSource): void {
  source = s;
}

export const http = createHttp({ accessToken: () => source.accessToken(), refresh: () => source.refresh() });

export const api = {
  identity: identityApi(http),
  tasks: tasksApi(http),
  recurring: recurringApi(http),
  reminders: remindersApi(http),
  notifications: notificationsApi(http),
  journal: journalApi(http),
  audit: auditApi(http),
};
