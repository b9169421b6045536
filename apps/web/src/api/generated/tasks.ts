// Generated from docs/openapi/tasks.json by apps/web/scripts/generate-api-types.ts
// (openapi-typescript): do not edit. After the document changes: npm run generate:api-types -w @daybook/web

export interface paths {
  '/api/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List, filter, search and sort tasks (cursor pagination) */
    get: {
      parameters: {
        query?: {
          status?: 'open' | 'done';
          priority?: ('none' | 'low' | 'medium' | 'high' | 'urgent')[];
          tagIds?: string[];
          tagMode?: 'any' | 'all';
          /** @description A list id, or "none": the tasks without a list (the Inbox) */
          listId?: string | 'none';
          seriesId?: string;
          parentId?: string;
          topLevel?: 'true' | 'false';
          dueFrom?: string;
          dueTo?: string;
          overdue?: 'true' | 'false';
          hasReminder?: 'true' | 'false';
          recurring?: 'true' | 'false';
          q?: string;
          sort?: 'due' | 'priority' | 'created' | 'updated' | 'title' | 'relevance' | 'position';
          order?: 'asc' | 'desc';
          limit?: number;
          cursor?: string;
          includeDeleted?: 'true' | 'false';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of tasks */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: components['schemas']['Task'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
    /** Create a task */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            title: string;
            notes?: string;
            /** @enum {string} */
            priority?: 'none' | 'low' | 'medium' | 'high' | 'urgent';
            tagIds?: string[];
            listId?: string | null;
            due?:
              | (
                  | {
                      /** Format: date */
                      date: string;
                      /**
                       * @description An IANA time zone name, e.g. "Europe/London" or "UTC" (any spelling the tz database resolves, case-insensitive; links such as "US/Eastern" too). A name of this shape that is no zone is a 400.
                       * @example Europe/London
                       */
                      timeZone?: string;
                    }
                  | {
                      dateTime: string;
                      /**
                       * @description An IANA time zone name, e.g. "Europe/London" or "UTC" (any spelling the tz database resolves, case-insensitive; links such as "US/Eastern" too). A name of this shape that is no zone is a 400.
                       * @example Europe/London
                       */
                      timeZone: string;
                    }
                )
              | null;
            reminders?: (
              | {
                  /** @constant */
                  type: 'absolute';
                  /** Format: date-time */
                  at: string;
                }
              | {
                  /** @constant */
                  type: 'relative';
                  minutesBefore: number;
                }
            )[];
            recurrence?: {
              /**
               * @description An RFC 5545 recurrence rule: one RRULE (the "RRULE:" prefix is optional), without DTSTART (the series starts at the due time), with a FREQ; any case, stored upper-cased. Beyond this pattern the rule must be at most 500 characters (without the prefix and surrounding spaces), rrule must read each value (e.g. BYDAY=MO,WE; UNTIL=20261231T235959Z), COUNT and INTERVAL must be at least 1: else a 400.
               * @example FREQ=WEEKLY;BYDAY=MO,WE
               */
              rrule: string;
              /** @enum {string} */
              mode: 'after-completion' | 'fixed-schedule';
              /** @enum {string} */
              missed?: 'create' | 'skip';
              exdates?: string[];
            } | null;
            parentId?: string | null;
          };
        };
      };
      responses: {
        /** @description The created task (ETag: its version) */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Task'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/views/today': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Open tasks due today or overdue, in a time zone */
    get: {
      parameters: {
        query: {
          /** @description An IANA time zone name, e.g. "Europe/London" or "UTC" (any spelling the tz database resolves, case-insensitive; links such as "US/Eastern" too). A name of this shape that is no zone is a 400. */
          timeZone: string;
          days?: number;
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Tasks */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: components['schemas']['Task'][];
              timeZone: string;
            };
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
  '/api/tasks/views/upcoming': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Open tasks due in the next days, in a time zone */
    get: {
      parameters: {
        query: {
          /** @description An IANA time zone name, e.g. "Europe/London" or "UTC" (any spelling the tz database resolves, case-insensitive; links such as "US/Eastern" too). A name of this shape that is no zone is a 400. */
          timeZone: string;
          days?: number;
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Tasks */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: components['schemas']['Task'][];
              timeZone: string;
              days: number;
            };
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
  '/api/tasks/bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Complete, delete, tag or untag up to 100 tasks */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            action: 'complete' | 'delete' | 'tag' | 'untag';
            ids: string[];
            tagIds?: string[];
          };
        };
      };
      responses: {
        /** @description Result per task */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              results: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                status: 'ok' | 'not_found' | 'unchanged';
                task?: components['schemas']['Task'];
              }[];
            };
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a task */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The task (ETag: its version) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Task'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
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
    /** Delete a task (restorable for 30 days) */
    delete: {
      parameters: {
        query?: never;
        header?: {
          /** @description The task ETag: when given, a 409 unless it is current */
          'if-match'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The deleted task */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              task: components['schemas']['Task'];
              /** Format: date-time */
              restorableUntil: string;
            };
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The task changed since that version: details.current is the server copy */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TaskConflictError'];
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
    options?: never;
    head?: never;
    /** Change some fields of a task (null clears a field); in a series, this occurrence or also later ones */
    patch: {
      parameters: {
        query?: {
          /** @description For a task in a series: "this" edits this occurrence only; "future" edits it and every later occurrence (the series template too). Default: "future" for the latest occurrence, "this" for older ones. */
          scope?: 'this' | 'future';
        };
        header: {
          /** @description The task ETag (its version), e.g. "3" */
          'if-match': string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            title?: string;
            notes?: string;
            /** @enum {string} */
            priority?: 'none' | 'low' | 'medium' | 'high' | 'urgent';
            tagIds?: string[];
            listId?: string | null;
            due?:
              | (
                  | {
                      /** Format: date */
                      date: string;
                      /**
                       * @description An IANA time zone name, e.g. "Europe/London" or "UTC" (any spelling the tz database resolves, case-insensitive; links such as "US/Eastern" too). A name of this shape that is no zone is a 400.
                       * @example Europe/London
                       */
                      timeZone?: string;
                    }
                  | {
                      dateTime: string;
                      /**
                       * @description An IANA time zone name, e.g. "Europe/London" or "UTC" (any spelling the tz database resolves, case-insensitive; links such as "US/Eastern" too). A name of this shape that is no zone is a 400.
                       * @example Europe/London
                       */
                      timeZone: string;
                    }
                )
              | null;
            reminders?: (
              | {
                  /** @constant */
                  type: 'absolute';
                  /** Format: date-time */
                  at: string;
                }
              | {
                  /** @constant */
                  type: 'relative';
                  minutesBefore: number;
                }
            )[];
            recurrence?: {
              /**
               * @description An RFC 5545 recurrence rule: one RRULE (the "RRULE:" prefix is optional), without DTSTART (the series starts at the due time), with a FREQ; any case, stored upper-cased. Beyond this pattern the rule must be at most 500 characters (without the prefix and surrounding spaces), rrule must read each value (e.g. BYDAY=MO,WE; UNTIL=20261231T235959Z), COUNT and INTERVAL must be at least 1: else a 400.
               * @example FREQ=WEEKLY;BYDAY=MO,WE
               */
              rrule: string;
              /** @enum {string} */
              mode: 'after-completion' | 'fixed-schedule';
              /** @enum {string} */
              missed?: 'create' | 'skip';
              exdates?: string[];
            } | null;
            parentId?: string | null;
          };
        };
      };
      responses: {
        /** @description The updated task */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Task'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The task changed since that version: details.current is the server copy */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TaskConflictError'];
          };
        };
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description If-Match is missing */
        428: {
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
    trace?: never;
  };
  '/api/tasks/{id}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark a task done (with completeSubtasks, its open subtasks too) */
    post: {
      parameters: {
        query?: never;
        header: {
          /** @description The task ETag (its version), e.g. "3" */
          'if-match': string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: {
        content: {
          'application/json': {
            /** @description Also complete its open subtasks (at any depth), in the same transaction. Default: false. */
            completeSubtasks?: boolean;
          };
        };
      };
      responses: {
        /** @description The task */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Task'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The task changed since that version: details.current is the server copy */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TaskConflictError'];
          };
        };
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description If-Match is missing */
        428: {
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/{id}/reopen': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Open a done task again */
    post: {
      parameters: {
        query?: never;
        header: {
          /** @description The task ETag (its version), e.g. "3" */
          'if-match': string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The task */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Task'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The task changed since that version: details.current is the server copy */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TaskConflictError'];
          };
        };
        /** @description If-Match is missing */
        428: {
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/{id}/move': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Move a task within its list (manual order), just before or just after another task of the same list */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description The task ETag: when given, a 409 unless it is current */
          'if-match'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: uuid */
            before?: string;
            /** Format: uuid */
            after?: string;
          };
        };
      };
      responses: {
        /** @description The moved task (its new position) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Task'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The task changed since that version: details.current is the server copy */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TaskConflictError'];
          };
        };
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/{id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Restore a deleted task */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The task */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Task'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The task is not deleted: details.current is the server copy */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TaskConflictError'];
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How many open tasks are in the Inbox, Today, Upcoming, each list and each tag (the sidebar) */
    get: {
      parameters: {
        query: {
          /** @description An IANA time zone name, e.g. "Europe/London" or "UTC" (any spelling the tz database resolves, case-insensitive; links such as "US/Eastern" too). A name of this shape that is no zone is a 400. */
          timeZone: string;
          days?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The counts */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['OpenCounts'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
  '/api/tasks/tags/order': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Put the tags in an order (ids first to last; those left out follow) */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            ids: string[];
          };
        };
      };
      responses: {
        /** @description The tags in their new order */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: components['schemas']['Tag'][];
            };
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
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
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/tags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The user’s tags */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Tags */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: components['schemas']['Tag'][];
            };
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
    /** Create a tag */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            color?: string | null;
          };
        };
      };
      responses: {
        /** @description The tag */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Tag'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description A tag with that name exists */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/tags/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a tag (removed from its tasks) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Deleted */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
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
    options?: never;
    head?: never;
    /** Rename or recolour a tag */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            color?: string | null;
          };
        };
      };
      responses: {
        /** @description The tag */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Tag'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description Another tag has that name */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
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
    trace?: never;
  };
  '/api/tasks/lists': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The user’s lists */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Lists */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: components['schemas']['List'][];
            };
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
    /** Create a list */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            color?: string | null;
          };
        };
      };
      responses: {
        /** @description The list */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['List'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/lists/order': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Put the lists in an order (ids first to last; those left out follow) */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            ids: string[];
          };
        };
      };
      responses: {
        /** @description The lists in their new order */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: components['schemas']['List'][];
            };
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
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
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/lists/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a list (its tasks stay, with no list) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Deleted */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
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
    options?: never;
    head?: never;
    /** Rename or recolour a list */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            color?: string | null;
          };
        };
      };
      responses: {
        /** @description The list */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['List'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description Not found (or not yours) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
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
    trace?: never;
  };
  '/api/tasks/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Everything of the user’s this service keeps: tasks (with tags and reminders), lists, tags, series (or the tasks as CSV) */
    get: {
      parameters: {
        query?: {
          format?: 'json' | 'csv';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The export (JSON), or the tasks as CSV with ?format=csv */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TasksExport'];
            'text/csv': string;
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
  '/api/tasks/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import a Todoist CSV export or our own export: all or nothing (dryRun previews) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json':
            | {
                /** @constant */
                format: 'daybook';
                data: unknown;
                dryRun?: boolean;
              }
            | {
                /** @constant */
                format: 'todoist-csv';
                csv: string;
                listName?: string | null;
                dryRun?: boolean;
              };
        };
      };
      responses: {
        /** @description What would be imported (dryRun) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ImportResult'];
          };
        };
        /** @description What was imported */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ImportResult'];
          };
        };
        /** @description Invalid input: every bad field is named in details.problems */
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
        /** @description The body exceeds the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Error'];
          };
        };
        /** @description The body is not application/json */
        415: {
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/calendar-feed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The user’s private calendar feed (its URL is shown only when made) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The feed */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CalendarFeed'];
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
        /** @description No feed made */
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
    /** Make or regenerate the calendar feed: the previous URL stops working */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The feed with its URL path, shown this once */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['NewCalendarFeed'];
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
    /** Revoke the calendar feed: its URL answers 404 */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Revoked */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
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
        /** @description No feed made */
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
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/calendar/{file}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The iCalendar feed of open due tasks, reminders as alarms (no sign-in: the token is the credential) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          file: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The calendar (RFC 5545) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/calendar': unknown;
          };
        };
        /** @description Unchanged since the ETag in If-None-Match */
        304: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Invalid input: every bad field is named in details.problems */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ValidationError'];
          };
        };
        /** @description No feed has this token (never made, regenerated or revoked) */
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
    Task: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      userId: string;
      title: string;
      notes: string;
      /** @enum {string} */
      status: 'open' | 'done';
      /** @enum {string} */
      priority: 'none' | 'low' | 'medium' | 'high' | 'urgent';
      tags: {
        /** Format: uuid */
        id: string;
        name: string;
        color: string | null;
      }[];
      listId: string | null;
      due:
        | (
            | {
                /** Format: date */
                date: string;
                timeZone?: string;
              }
            | {
                dateTime: string;
                timeZone: string;
              }
          )
        | null;
      dueAt: string | null;
      reminders: (
        | {
            /** Format: uuid */
            id: string;
            /** @constant */
            type: 'absolute';
            /** Format: date-time */
            at: string;
          }
        | {
            /** Format: uuid */
            id: string;
            /** @constant */
            type: 'relative';
            minutesBefore: number;
          }
      )[];
      recurrence: {
        rrule: string;
        /** @enum {string} */
        mode: 'after-completion' | 'fixed-schedule';
        /** @enum {string} */
        missed?: 'create' | 'skip';
        exdates?: string[];
      } | null;
      seriesId: string | null;
      /** Format: uuid */
      parentId?: string;
      position?: string;
      version: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      completedAt: string | null;
      deletedAt: string | null;
      /** @description Its subtasks (direct, not deleted) and how many are done; on every answer but a 409 */
      subtasks?: {
        total: number;
        done: number;
      };
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
    TaskConflictError: {
      error: {
        code: string;
        message: string;
        /** @description The server's copy */
        details: {
          current: components['schemas']['Task'];
        };
      };
    };
    OpenCounts: {
      /** @description Open tasks without a list */
      inbox: number;
      /** @description Open tasks due by the end of today (overdue too), as GET /views/today */
      today: number;
      /** @description Open tasks due in the `days` after today, as GET /views/upcoming */
      upcoming: number;
      /** @description Open tasks per list (lists without any are left out) */
      lists: {
        /** Format: uuid */
        id: string;
        count: number;
      }[];
      /** @description Open tasks per tag (tags without any are left out) */
      tags: {
        /** Format: uuid */
        id: string;
        count: number;
      }[];
      timeZone: string;
    };
    Tag: {
      /** Format: uuid */
      id: string;
      name: string;
      color: string | null;
      /** @description Its place in the sidebar, 0 first (ties by name) */
      position: number;
      /** Format: date-time */
      createdAt: string;
    };
    List: {
      /** Format: uuid */
      id: string;
      name: string;
      color: string | null;
      /** @description Its place in the sidebar, 0 first (ties by name) */
      position: number;
      /** Format: date-time */
      createdAt: string;
    };
    TasksExport: {
      lists: components['schemas']['List'][];
      tags: components['schemas']['Tag'][];
      tasks: components['schemas']['Task'][];
      series: {
        [key: string]: unknown;
      }[];
    };
    ImportResult: {
      dryRun: boolean;
      lists: number;
      tags: number;
      tasks: number;
      preview: {
        title: string;
        priority: string;
        status: string;
        due: unknown | null;
      }[];
      warnings: {
        field: string;
        message: string;
      }[];
    };
    CalendarFeed: {
      /** Format: date-time */
      createdAt: string;
      /** @description The last characters of the token in the URL */
      tokenHint: string;
    };
    NewCalendarFeed: {
      /** Format: date-time */
      createdAt: string;
      /** @description The last characters of the token in the URL */
      tokenHint: string;
      /** @description The feed URL’s path, /api/tasks/calendar/<token>.ics */
      path: string;
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
