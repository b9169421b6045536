import { NotFound } from '@daybook/service-kit';
import type { HistoryFilter, HistoryPage, PageRequest } from '../domain/audit-entry';
import type { AuditStore } from '../infrastructure/audit-store';

export interface EntityHistoryQuery extends PageRequest, Pick<HistoryFilter, 'eventTypes' | 'from' | 'to'> {
  /** The caller: only their own entries are ever shown. */
  userId: string;
  entityType: string;
  entityId: string;
}

/** One page of the history of one entity of the caller's, newest first. */
export type ListEntityHistory = (query: EntityHistoryQuery) => Promise<HistoryPage>;

/**
 * The caller's entries about one entity, optionally of some event types and a time range.
 * No entry at all, whatever the filters, means the entity is another user's (or no one's),
 * and another user's resource is not found, never said to exist: NotFound. An empty page
 * of an entity of one's own (a later page, or filters nothing matches) is still a page.
 */
export function listEntityHistory(deps: { store: Pick<AuditStore, 'page' | 'hasAny'> }): ListEntityHistory {
  return async ({ userId, entityType, entityId, eventTypes, from, to, limit, cursor }) => {
    const entity = { userId, entityType, entityId };
    const history = await deps.store.page({ ...entity, eventTypes, from, to }, { limit, cursor });
    if (history.entries.length === 0 && !(await deps.store.hasAny(entity))) {
      throw new NotFound(`history of ${entityType} ${entityId}`);
    }
    return history;
  };
}
