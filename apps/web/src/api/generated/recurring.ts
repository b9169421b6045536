// Generated from docs/openapi/recurring.json by apps/web/scripts/generate-api-types.ts
// (openapi-typescript): do not edit. After the document changes: npm run generate:api-types -w @daybook/web

export interface paths {
  '/api/recurring/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The next dates of a recurrence rule from a local start time in a zone */
    get: {
      parameters: {
        query: {
          rrule: string;
          start: string;
          timeZone: string;
          exdates?: string;
          count?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Occurrences, oldest first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              occurrences: {
                local: string;
                at: string;
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
            'application/json': components['schemas']['Error'];
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
    Error: {
      error: {
        /** @example validation_failed */
        code: string;
        message: string;
        details?: unknown;
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
