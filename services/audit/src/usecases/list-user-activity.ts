import type { HistoryPage, PageRequest } from '../domain/audit-entry';
import type { AuditStore } from '../infrastructure/audit-store';

export interface UserActivityQuery extends PageRequest {
  /** The caller: only their own entries are ever shown. */
  userId: string;
}

/** One page of everything that happened to the caller's data, newest first. */
export type ListUserActivity = (query: UserActivityQuery) => Promise<HistoryPage>;

/** The caller's whole history, every entity. No entry yet is an empty page. */
export function listUserActivity(deps: { store: Pick<AuditStore, 'page'> }): ListUserActivity {
  return ({ userId, limit, cursor }) => deps.store.page({ userId }, { limit, cursor });
}
