import { NotFound } from '@daybook/service-kit';
import type { HistoryEntry, HistoryFilter } from '../domain/audit-entry';
import type { AuditStore } from '../infrastructure/audit-store';

/**
 * Every entry of the caller's matching `filter`, newest first, read a batch at a time so
 * an export of any size is streamed, never held in memory. Naming one entity that is not
 * the caller's is NotFound, thrown before the first entry (before any byte is sent).
 */
export type ExportHistory = (filter: HistoryFilter) => Promise<AsyncIterable<HistoryEntry>>;

export const EXPORT_BATCH = 500;

export function exportHistory(deps: { store: Pick<AuditStore, 'page' | 'hasAny'> }): ExportHistory {
  return async (filter) => {
    const { userId, entityType, entityId } = filter;
    if (entityId !== undefined && !(await deps.store.hasAny({ userId, entityType, entityId }))) {
      throw new NotFound(`history of ${entityType ?? 'entity'} ${entityId}`);
    }
    return (async function* entries() {
      let cursor: bigint | undefined;
      do {
        const page = await deps.store.page(filter, { limit: EXPORT_BATCH, cursor });
        yield* page.entries;
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
    })();
  };
}
