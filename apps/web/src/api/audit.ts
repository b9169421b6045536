// The audit service (docs/api.md, "audit — /api/audit"): the history of one of the
// user's entities, newest first, a page at a time.
import type { HttpClient } from './http';
import type { EntityHistoryQuery, HistoryPage } from './types';

export type { AuditEntry, FieldChange, HistoryPage } from './types';

export function auditApi(http: HttpClient) {
  return {
    entityHistory: (entityType: string, entityId: string, query: EntityHistoryQuery = {}) =>
      http.request<HistoryPage>(
        'GET',
        `/api/audit/entities/${encodeURIComponent(entityType)}/${encodeURIComponent(entityId)}`,
        { query },
      ),
  };
}

export type AuditApi = ReturnType<typeof auditApi>;
