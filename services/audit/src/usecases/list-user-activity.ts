import type { HistoryFilter, HistoryPage, PageRequest } from '../domain/audit-entry';
import type { AuditStore } from '../infrastructure/audit-store';

export interface UserActivityQuery extends PageRequest, Omit<HistoryFilter, 'entityId'> {
  /** The caller: only their own entries are ever shown. */
  userId: string;
}

/** One page of everything that happened to the caller's data, newest first. */
export type ListUserActivity = (query: UserActivityQuery) => Promise<HistoryPage>;

/** The caller's whole history, every entity (or one type of entity), filtered. No entry yet is an empty page. */
export function listUserActivity(deps: { store: Pick<AuditStore, 'page'> }): ListUserActivity {
  return ({ limit, cursor, ...filter }) => deps.store.page(filter, { limit, cursor });
}
