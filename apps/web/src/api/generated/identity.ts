// Generated from docs/openapi/identity.json by apps/web/scripts/generate-api-types.ts
// (openapi-typescript): do not edit. After the document changes: npm run generate:api-types -w @daybook/web

export interface paths {
  '/api/identity/signup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an account and sign in */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['SignupInput'];
        };
      };
      responses: {
        /** @description Signed up; publishes daybook.user.registered.v1 */
        201: {
          headers: {
            /** @description daybook_refresh=<refresh token>; Path=/api/identity; HttpOnly; SameSite=Strict (Secure over https) */
            'Set-Cookie'?: string;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Session'];
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
        /** @description An account with this email already exists */
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
  '/api/identity/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in with email and password */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['LoginInput'];
        };
      };
      responses: {
        /** @description Signed in */
        200: {
          headers: {
            /** @description daybook_refresh=<refresh token>; Path=/api/identity; HttpOnly; SameSite=Strict (Secure over https) */
            'Set-Cookie'?: string;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Session'];
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
        /** @description invalid email or password (the same for an unknown email) */
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
        /** @description Too many attempts: wait the Retry-After seconds */
        429: {
          headers: {
            /** @description Seconds to wait */
            'Retry-After': number;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RateLimitedError'];
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
  '/api/identity/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Exchange a refresh token for a new session token pair (rotation) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      /** @description Browsers send the daybook_refresh cookie instead */
      requestBody?: {
        content: {
          'application/json': components['schemas']['RefreshInput'];
        };
      };
      responses: {
        /** @description A new access token and a rotated refresh token */
        200: {
          headers: {
            /** @description daybook_refresh=<refresh token>; Path=/api/identity; HttpOnly; SameSite=Strict (Secure over https) */
            'Set-Cookie'?: string;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Session'];
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
        /** @description Missing, unknown, expired or revoked refresh token; a replayed one revokes its session */
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
  '/api/identity/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out: revoke the session and clear the cookie */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      /** @description Browsers send the daybook_refresh cookie instead */
      requestBody?: {
        content: {
          'application/json': components['schemas']['RefreshInput'];
        };
      };
      responses: {
        /** @description Signed out (also for an unknown token) */
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
  '/api/identity/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The account */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['User'];
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
    /** Delete the account and all its data */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['DeleteAccountInput'];
        };
      };
      responses: {
        /** @description Deleted; publishes daybook.user.deleted.v1 */
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
        /** @description Missing or invalid access token, or wrong password */
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
        /** @description Too many attempts: wait the Retry-After seconds */
        429: {
          headers: {
            /** @description Seconds to wait */
            'Retry-After': number;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RateLimitedError'];
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
    /** Change display name or time zone */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['UpdateMeInput'];
        };
      };
      responses: {
        /** @description The account after the change; publishes daybook.user.updated.v1 */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['User'];
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
    trace?: never;
  };
  '/api/identity/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change the password; the account's other sessions are revoked */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['ChangePasswordInput'];
        };
      };
      responses: {
        /** @description Changed */
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
        /** @description Missing or invalid access token, or wrong current password */
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
        /** @description Too many attempts: wait the Retry-After seconds */
        429: {
          headers: {
            /** @description Seconds to wait */
            'Retry-After': number;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RateLimitedError'];
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
  '/api/identity/login-code': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Email a one-time 6-digit login code (valid 10 minutes) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['LoginCodeRequestInput'];
        };
      };
      responses: {
        /** @description Accepted, whether or not the email has an account */
        202: {
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
        /** @description Too many attempts: wait the Retry-After seconds */
        429: {
          headers: {
            /** @description Seconds to wait */
            'Retry-After': number;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RateLimitedError'];
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
  '/api/identity/login-code/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in with a login code (single use; void after 5 wrong attempts) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['LoginCodeVerifyInput'];
        };
      };
      responses: {
        /** @description Signed in */
        200: {
          headers: {
            /** @description daybook_refresh=<refresh token>; Path=/api/identity; HttpOnly; SameSite=Strict (Secure over https) */
            'Set-Cookie'?: string;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Session'];
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
        /** @description invalid email or code */
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
        /** @description Too many attempts: wait the Retry-After seconds */
        429: {
          headers: {
            /** @description Seconds to wait */
            'Retry-After': number;
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RateLimitedError'];
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
  '/api/identity/.well-known/jwks.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Public keys of access tokens (also served at /.well-known/jwks.json) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The key set, newest key first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['JsonWebKeySet'];
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
    SignupInput: {
      /**
       * Format: email
       * @example ada@example.com
       */
      email: string;
      /** Format: password */
      password: string;
      /**
       * @description IANA time zone name (any spelling Intl resolves, case-insensitive; stored in its canonical spelling). A name of this shape that is no zone is a 400.
       * @example Europe/London
       */
      timeZone: string;
      displayName?: string;
    };
    LoginInput: {
      /**
       * Format: email
       * @example ada@example.com
       */
      email: string;
      /** Format: password */
      password: string;
    };
    RefreshInput: {
      /** @description Alternative to the daybook_refresh cookie */
      refreshToken?: string;
    };
    UpdateMeInput: {
      displayName?: string | null;
      /**
       * @description IANA time zone name (any spelling Intl resolves, case-insensitive; stored in its canonical spelling). A name of this shape that is no zone is a 400.
       * @example Europe/London
       */
      timeZone?: string;
    };
    DeleteAccountInput: {
      /** Format: password */
      password: string;
    };
    ChangePasswordInput: {
      /** Format: password */
      currentPassword: string;
      /** Format: password */
      newPassword: string;
    };
    LoginCodeRequestInput: {
      /**
       * Format: email
       * @example ada@example.com
       */
      email: string;
    };
    LoginCodeVerifyInput: {
      /**
       * Format: email
       * @example ada@example.com
       */
      email: string;
      /** @example 482913 */
      code: string;
    };
    Session: {
      user: components['schemas']['User'];
      /** @description ES256 JWT, 15 minutes */
      accessToken: string;
      /** Format: date-time */
      accessTokenExpiresAt: string;
      /** @description Opaque; also set as the httpOnly daybook_refresh cookie */
      refreshToken: string;
    };
    User: {
      /** Format: uuid */
      id: string;
      /** Format: email */
      email: string;
      displayName: string | null;
      timeZone: string;
      /** Format: date-time */
      createdAt: string;
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
    RateLimitedError: {
      error: {
        code: string;
        message: string;
        details: {
          /** @description As in Retry-After */
          retryAfterSeconds: number;
        };
      };
    };
    /** @description RFC 7517 key set (public EC P-256 keys, ES256) */
    JsonWebKeySet: {
      keys: {
        [key: string]: unknown;
      }[];
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
