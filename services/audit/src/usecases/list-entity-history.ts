import { NotFound } from '@daybook/service-kit';
import type { HistoryPage, PageRequest } from '../domain/audit-entry';
import type { AuditStore } from '../infrastructure/audit-store';

export interface EntityHistoryQuery extends PageRequest {
  /** The caller: only their own entries are ever shown. */
  userId: string;
  entityType: string;
  entityId: string;
}

/** One page of the history of one entity of the caller's, newest first. */
export type ListEntityHistory = (query: EntityHistoryQuery) => Promise<HistoryPage>;

/**
 * The caller's entries about one entity. None at all means the entity is another user's
 * (or no one's), and another user's resource is not found, never said to exist: NotFound.
 * An empty later page of an entity of one's own is still a page.
 */
export function listEntityHistory(deps: { store: Pick<AuditStore, 'page' | 'hasAny'> }): ListEntityHistory {
  return async ({ userId, entityType, entityId, limit, cursor }) => {
    const filter = { userId, entityType, entityId };
    const history = await deps.store.page(filter, { limit, cursor });
    if (history.entries.length === 0 && !(await deps.store.hasAny(filter))) {
      throw new NotFound(`history of ${entityType} ${entityId}`);
    }
    return history;
  };
}
