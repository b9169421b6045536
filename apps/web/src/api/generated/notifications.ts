// Generated from docs/openapi/notifications.json by apps/web/scripts/generate-api-types.ts
// (openapi-typescript): do not edit. After the document changes: npm run generate:api-types -w @daybook/web

export interface paths {
  '/api/notifications/inbox': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A page of the inbox (not archived, not snoozed) or the archive, newest first */
    get: {
      parameters: {
        query?: {
          view?: 'inbox' | 'archived';
          cursor?: string;
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The page, the cursor of the next one (null at the end) and the counts */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: components['schemas']['Notification'][];
              nextCursor: string | null;
              counts: components['schemas']['Counts'];
            };
          };
        };
        /** @description A bad view, limit or cursor: named in details.problems */
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
  '/api/notifications/counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The badge: unread and unseen items */
    get: {
      parameters: {
        query?: never;
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
            'application/json': components['schemas']['Counts'];
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
  '/api/notifications/inbox/seen': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The bell was opened: every unseen item becomes seen */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The counts after */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              counts: components['schemas']['Counts'];
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications/inbox/read-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark every item in the inbox read */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The counts after */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              counts: components['schemas']['Counts'];
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark an item read */
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
        /** @description The item after the change, and the counts */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              notification: components['schemas']['Notification'];
              counts: components['schemas']['Counts'];
            };
          };
        };
        /** @description The id is not a UUID (params.id) */
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
        /** @description No such notification of the caller’s */
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications/{id}/unread': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark an item unread (it becomes seen) */
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
        /** @description The item after the change, and the counts */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              notification: components['schemas']['Notification'];
              counts: components['schemas']['Counts'];
            };
          };
        };
        /** @description The id is not a UUID (params.id) */
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
        /** @description No such notification of the caller’s */
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications/{id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Archive an item */
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
        /** @description The item after the change, and the counts */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              notification: components['schemas']['Notification'];
              counts: components['schemas']['Counts'];
            };
          };
        };
        /** @description The id is not a UUID (params.id) */
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
        /** @description No such notification of the caller’s */
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications/{id}/unarchive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Bring an item back from the archive */
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
        /** @description The item after the change, and the counts */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              notification: components['schemas']['Notification'];
              counts: components['schemas']['Counts'];
            };
          };
        };
        /** @description The id is not a UUID (params.id) */
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
        /** @description No such notification of the caller’s */
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications/{id}/snooze': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Hide an item until an instant; it comes back (and counts again) then */
    post: {
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
            /**
             * Format: date-time
             * @description An instant in the future
             */
            until: string;
          };
        };
      };
      responses: {
        /** @description The item after the change, and the counts */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              notification: components['schemas']['Notification'];
              counts: components['schemas']['Counts'];
            };
          };
        };
        /** @description A bad id, or an until that is not an instant in the future (body.until) */
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
        /** @description No such notification of the caller’s */
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications/preferences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s preferences */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The preferences */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Preferences'];
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
    /** Replace the preferences (the whole object; timeZone is ignored) */
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
            timeZone?: string;
            channels: {
              reminders: {
                inApp: boolean;
                email: boolean;
              };
              loginCodes: {
                /** @constant */
                email: true;
              };
              digests: {
                inApp: boolean;
                email: boolean;
              };
              system: {
                inApp: boolean;
                email: boolean;
              };
            };
            quietHours: {
              enabled: boolean;
              start: string;
              end: string;
            };
            digest: {
              enabled: boolean;
              time: string;
            };
          };
        };
      };
      responses: {
        /** @description The preferences after the change */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Preferences'];
          };
        };
        /** @description Each bad field named in details.problems (e.g. body.quietHours.start) */
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
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications/unsubscribe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The unsubscribe link of an email: a page asking to confirm (no sign-in) */
    get: {
      parameters: {
        query: {
          token: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A small HTML page with a confirm button */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/html': unknown;
          };
        };
        /** @description No token (query.token) */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ValidationError'];
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
    /** RFC 8058 one-click unsubscribe: that category’s emails stop (no sign-in) */
    post: {
      parameters: {
        query: {
          token: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Unsubscribed (HTML, or JSON `{unsubscribed: category}` when asked for) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/html': unknown;
            'application/json': {
              unsubscribed: string;
            };
          };
        };
        /** @description No token (query.token) */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ValidationError'];
          };
        };
        /** @description The token is not one Daybook signed */
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
    Notification: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      category: 'reminders' | 'digests' | 'system';
      title: string;
      body: string;
      urgent: boolean;
      link: {
        /** Format: uuid */
        taskId?: string;
        /** Format: uuid */
        reminderId?: string;
      } | null;
      /** @enum {string} */
      state: 'unseen' | 'seen' | 'read';
      archived: boolean;
      snoozedUntil: string | null;
      /** Format: date-time */
      createdAt: string;
      deliveries: components['schemas']['Delivery'][];
    };
    Delivery: {
      /** @enum {string} */
      channel: 'in-app' | 'email';
      /** @enum {string} */
      status: 'queued' | 'held' | 'sent' | 'failed' | 'bounced' | 'suppressed';
      reason: ('preference' | 'quiet-hours' | 'unsubscribed') | null;
      attempts: number;
      lastError: string | null;
      /** Format: date-time */
      updatedAt: string;
    };
    Counts: {
      unread: number;
      unseen: number;
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
    Preferences: {
      /** @description From the user’s profile; read-only */
      timeZone: string;
      channels: {
        reminders: {
          inApp: boolean;
          email: boolean;
        };
        loginCodes: {
          /** @constant */
          email: true;
        };
        digests: {
          inApp: boolean;
          email: boolean;
        };
        system: {
          inApp: boolean;
          email: boolean;
        };
      };
      quietHours: {
        enabled: boolean;
        start: string;
        end: string;
      };
      digest: {
        enabled: boolean;
        time: string;
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
