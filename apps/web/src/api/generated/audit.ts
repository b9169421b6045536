// Generated from docs/openapi/audit.json by apps/web/scripts/generate-api-types.ts
// (openapi-typescript): do not edit. After the document changes: npm run generate:api-types -w @daybook/web

export interface paths {
  '/api/audit/entities/{entityType}/{entityId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The history of one entity of the caller’s, newest first (cursor pagination, filters) */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
          type?: (
            | 'daybook.user.login-code-requested.v2'
            | 'daybook.user.deleted.v1'
            | 'daybook.user.registered.v1'
            | 'daybook.user.updated.v1'
            | 'daybook.task.completed.v1'
            | 'daybook.task.created.v1'
            | 'daybook.task.deleted.v1'
            | 'daybook.task.moved.v1'
            | 'daybook.task.reopened.v1'
            | 'daybook.task.restored.v1'
            | 'daybook.task.updated.v1'
            | 'daybook.list.created.v1'
            | 'daybook.list.deleted.v1'
            | 'daybook.list.updated.v1'
            | 'daybook.tag.created.v1'
            | 'daybook.tag.deleted.v1'
            | 'daybook.tag.updated.v1'
            | 'daybook.recurring.occurrence-requested.v1'
            | 'daybook.reminder.due.v1'
            | 'daybook.notification.created.v2'
            | 'daybook.notification.delivered.v1'
            | 'daybook.notification.delivery-failed.v1'
            | 'daybook.notification.read.v1'
            | 'daybook.notification.updated.v1'
            | 'daybook.journal.entry-analyzed.v2'
            | 'daybook.journal.entry-created.v1'
            | 'daybook.journal.entry-deleted.v1'
            | 'daybook.journal.entry-restored.v1'
            | 'daybook.journal.entry-updated.v1'
            | 'daybook.journal.task-requested.v1'
          )[];
          from?: string;
          to?: string;
        };
        header?: never;
        path: {
          entityType: string;
          entityId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of entries, newest first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['HistoryPage'];
          };
        };
        /** @description A bad limit, cursor, type, from or to (or a path parameter), or an unknown query parameter: each named in details.problems */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ValidationError'];
          };
        };
        /** @description Missing or invalid access token */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The caller has no entry for this entity (another user’s, or none) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The service is busy (its database is overloaded): retry after Retry-After seconds */
        503: {
          headers: {
            /** @description Seconds to wait before retrying */
            'retry-after'?: number;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Everything that happened to the caller’s data, newest first (cursor pagination, filters) */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
          entityType?: string;
          type?: (
            | 'daybook.user.login-code-requested.v2'
            | 'daybook.user.deleted.v1'
            | 'daybook.user.registered.v1'
            | 'daybook.user.updated.v1'
            | 'daybook.task.completed.v1'
            | 'daybook.task.created.v1'
            | 'daybook.task.deleted.v1'
            | 'daybook.task.moved.v1'
            | 'daybook.task.reopened.v1'
            | 'daybook.task.restored.v1'
            | 'daybook.task.updated.v1'
            | 'daybook.list.created.v1'
            | 'daybook.list.deleted.v1'
            | 'daybook.list.updated.v1'
            | 'daybook.tag.created.v1'
            | 'daybook.tag.deleted.v1'
            | 'daybook.tag.updated.v1'
            | 'daybook.recurring.occurrence-requested.v1'
            | 'daybook.reminder.due.v1'
            | 'daybook.notification.created.v2'
            | 'daybook.notification.delivered.v1'
            | 'daybook.notification.delivery-failed.v1'
            | 'daybook.notification.read.v1'
            | 'daybook.notification.updated.v1'
            | 'daybook.journal.entry-analyzed.v2'
            | 'daybook.journal.entry-created.v1'
            | 'daybook.journal.entry-deleted.v1'
            | 'daybook.journal.entry-restored.v1'
            | 'daybook.journal.entry-updated.v1'
            | 'daybook.journal.task-requested.v1'
          )[];
          from?: string;
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of entries, newest first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['HistoryPage'];
          };
        };
        /** @description A bad limit, cursor, entityType, type, from or to, or an unknown query parameter: each named in details.problems */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ValidationError'];
          };
        };
        /** @description Missing or invalid access token */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The service is busy (its database is overloaded): retry after Retry-After seconds */
        503: {
          headers: {
            /** @description Seconds to wait before retrying */
            'retry-after'?: number;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s history, or one entity’s, filtered, as JSON Lines (a download, streamed) */
    get: {
      parameters: {
        query?: {
          entityType?: string;
          entityId?: string;
          type?: (
            | 'daybook.user.login-code-requested.v2'
            | 'daybook.user.deleted.v1'
            | 'daybook.user.registered.v1'
            | 'daybook.user.updated.v1'
            | 'daybook.task.completed.v1'
            | 'daybook.task.created.v1'
            | 'daybook.task.deleted.v1'
            | 'daybook.task.moved.v1'
            | 'daybook.task.reopened.v1'
            | 'daybook.task.restored.v1'
            | 'daybook.task.updated.v1'
            | 'daybook.list.created.v1'
            | 'daybook.list.deleted.v1'
            | 'daybook.list.updated.v1'
            | 'daybook.tag.created.v1'
            | 'daybook.tag.deleted.v1'
            | 'daybook.tag.updated.v1'
            | 'daybook.recurring.occurrence-requested.v1'
            | 'daybook.reminder.due.v1'
            | 'daybook.notification.created.v2'
            | 'daybook.notification.delivered.v1'
            | 'daybook.notification.delivery-failed.v1'
            | 'daybook.notification.read.v1'
            | 'daybook.notification.updated.v1'
            | 'daybook.journal.entry-analyzed.v2'
            | 'daybook.journal.entry-created.v1'
            | 'daybook.journal.entry-deleted.v1'
            | 'daybook.journal.entry-restored.v1'
            | 'daybook.journal.entry-updated.v1'
            | 'daybook.journal.task-requested.v1'
          )[];
          from?: string;
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Every matching entry, newest first, one AuditEntry as JSON per line (JSON Lines), streamed as it is read; a response cut short has no final newline */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/x-ndjson': string;
          };
        };
        /** @description A bad entityType, entityId, type, from or to, entityId without entityType, or an unknown query parameter: each named in details.problems */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ValidationError'];
          };
        };
        /** @description Missing or invalid access token */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description entityId names an entity the caller has no entry for (another user’s, or none) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The service is busy (its database is overloaded): retry after Retry-After seconds */
        503: {
          headers: {
            /** @description Seconds to wait before retrying */
            'retry-after'?: number;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    HistoryPage: {
      items: components['schemas']['AuditEntry'][];
      /** @description The cursor of the next (older) page; null on the last */
      nextCursor: string | null;
    };
    AuditEntry: {
      eventId: string;
      /** @example daybook.task.completed.v1 */
      eventType: string;
      /** @example task */
      entityType: string;
      entityId: string;
      /** Format: uuid */
      userId: string;
      /**
       * @description Who caused the event: "user:<id>" (the user, through the app) or "service:<name>" (a service acting on another event); null on entries written before actors were kept
       * @example service:recurring
       */
      actor: string | null;
      /** @description The changed fields before the event, when the event carries them */
      before: {
        [key: string]: unknown;
      } | null;
      /** @description The entity after the event (or the event’s data) */
      after: {
        [key: string]: unknown;
      } | null;
      /** @description The field-level diff of before and after, computed when the entry was written; null when the event carries no before (a creation, for one) or the entry predates diffs */
      changes: components['schemas']['FieldChange'][] | null;
      /** Format: date-time */
      occurredAt: string;
      correlationId: string;
      causationId: string | null;
      /** Format: date-time */
      recordedAt: string;
      /** @description The entry’s id, newest highest */
      id: string;
    };
    FieldChange: {
      /**
       * @description Where, dotted (a list is one value)
       * @example due.dateTime
       */
      path: string;
      /** @enum {string} */
      kind: 'added' | 'removed' | 'changed';
      /** @description The value before; absent when the field was added */
      from?: unknown;
      /** @description The value after; absent when the field was removed */
      to?: unknown;
    };
    ValidationError: {
      error: {
        code: string;
        message: string;
        details: {
          problems: components['schemas']['FieldProblem'][];
        };
      };
    };
    FieldProblem: {
      /**
       * @description Where the problem is
       * @example body.title
       */
      field: string;
      /** @example must not be empty */
      message: string;
    };
    Error: {
      error: {
        /** @example not_found */
        code: string;
        message: string;
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
