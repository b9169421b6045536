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
          /** @description An RFC 5545 recurrence rule: one RRULE (the "RRULE:" prefix is optional), without DTSTART (the series starts at the due time), with a FREQ; any case, stored upper-cased. Beyond this pattern the rule must be at most 500 characters (without the prefix and surrounding spaces), rrule must read each value (e.g. BYDAY=MO,WE; UNTIL=20261231T235959Z), COUNT and INTERVAL must be at least 1: else a 400. */
          rrule: string;
          start: string;
          /** @description An IANA time zone name, e.g. "Europe/London" or "UTC" (any spelling the tz database resolves, case-insensitive; links such as "US/Eastern" too). A name of this shape that is no zone is a 400. */
          timeZone: string;
          exdates?: string[];
          count?: number;
          /** @description For an after-completion series: the answer also says when the next one is due if it is completed at this instant (e.g. now) */
          completedAt?: string;
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
                /** @description The wall-clock time in the zone */
                local: string;
                /**
                 * Format: date-time
                 * @description The instant
                 */
                at: string;
              }[];
              /** @description With completedAt: the next one of an after-completion series if completed then (null: the series has ended) */
              ifCompleted?: {
                /** @description The wall-clock time in the zone */
                local: string;
                /**
                 * Format: date-time
                 * @description The instant
                 */
                at: string;
              } | null;
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
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
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
