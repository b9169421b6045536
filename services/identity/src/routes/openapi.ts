import { z } from 'zod';
import { buildOpenApiDocument, commonErrors, errorResponse, errorWithDetails } from '@daybook/service-kit';
import {
  changePasswordInput,
  deleteAccountInput,
  loginCodeRequestInput,
  loginCodeVerifyInput,
  loginInput,
  refreshInput,
  sessionView,
  signupInput,
  updateMeInput,
  userView,
} from '../domain/account';

// The OpenAPI document of /api/identity, built from the zod schemas the routes validate
// with. Committed as docs/openapi/identity.json (scripts/write-openapi.ts); a unit test
// fails when that copy is stale.

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T>(schema: T) => ({ required: true, ...json(schema) });
const setsCookie = {
  'Set-Cookie': {
    description: 'daybook_refresh=<refresh token>; Path=/api/identity; HttpOnly; SameSite=Strict (Secure over https)',
    schema: { type: 'string' as const },
  },
};
const sessionResponse = (description: string) => ({ description, headers: setsCookie, ...json(sessionView) });
const rateLimitedError = errorWithDetails(
  z.object({ retryAfterSeconds: z.number().int().min(1).meta({ description: 'As in Retry-After' }) }),
  'RateLimitedError',
);
const rateLimited = {
  ...errorResponse('Too many attempts: wait the Retry-After seconds', rateLimitedError),
  headers: {
    'Retry-After': { description: 'Seconds to wait', required: true, schema: { type: 'integer' as const, minimum: 1 } },
  },
};
const badInput = { '400': commonErrors['400'] };
const unauthorizedError = (description: string) => ({ '401': errorResponse(description) });
const publicOp = { security: [] };
const refreshBody = {
  required: false,
  description: 'Browsers send the daybook_refresh cookie instead',
  ...json(refreshInput),
};
const jwksSchema = z
  .object({ keys: z.array(z.record(z.string(), z.unknown())) })
  .meta({ id: 'JsonWebKeySet', description: 'RFC 7517 key set (public EC P-256 keys, ES256)' });

export function identityOpenApiDocument() {
  return buildOpenApiDocument({
    service: 'identity',
    description:
      'Accounts, sessions and access tokens. Access tokens are ES256 JWTs (15 minutes) that every ' +
      'service verifies against the JWKS; refresh tokens rotate on every use and a replayed one ' +
      'revokes its session. Sign-in failures are rate limited per account and per client IP.',
    paths: {
      '/api/identity/signup': {
        post: {
          summary: 'Create an account and sign in',
          ...publicOp,
          requestBody: body(signupInput),
          responses: {
            '201': sessionResponse('Signed up; publishes daybook.user.registered.v1'),
            ...badInput,
            '409': errorResponse('An account with this email already exists'),
          },
        },
      },
      '/api/identity/login': {
        post: {
          summary: 'Sign in with email and password',
          ...publicOp,
          requestBody: body(loginInput),
          responses: {
            '200': sessionResponse('Signed in'),
            ...badInput,
            ...unauthorizedError('invalid email or password (the same for an unknown email)'),
            '429': rateLimited,
          },
        },
      },
      '/api/identity/refresh': {
        post: {
          summary: 'Exchange a refresh token for a new session token pair (rotation)',
          ...publicOp,
          requestBody: refreshBody,
          responses: {
            '200': sessionResponse('A new access token and a rotated refresh token'),
            ...badInput,
            ...unauthorizedError(
              'Missing, unknown, expired or revoked refresh token; a replayed one revokes its session',
            ),
          },
        },
      },
      '/api/identity/logout': {
        post: {
          summary: 'Sign out: revoke the session and clear the cookie',
          ...publicOp,
          requestBody: refreshBody,
          responses: { '204': { description: 'Signed out (also for an unknown token)' }, ...badInput },
        },
      },
      '/api/identity/me': {
        get: {
          summary: 'The signed-in account',
          responses: { '200': { description: 'The account', ...json(userView) }, '401': commonErrors['401'] },
        },
        patch: {
          summary: 'Change display name or time zone',
          requestBody: body(updateMeInput),
          responses: {
            '200': {
              description: 'The account after the change; publishes daybook.user.updated.v1',
              ...json(userView),
            },
            ...badInput,
            '401': commonErrors['401'],
          },
        },
        delete: {
          summary: 'Delete the account and all its data',
          requestBody: body(deleteAccountInput),
          responses: {
            '204': { description: 'Deleted; publishes daybook.user.deleted.v1' },
            ...badInput,
            ...unauthorizedError('Missing or invalid access token, or wrong password'),
            '429': rateLimited,
          },
        },
      },
      '/api/identity/password': {
        post: {
          summary: "Change the password; the account's other sessions are revoked",
          requestBody: body(changePasswordInput),
          responses: {
            '204': { description: 'Changed' },
            ...badInput,
            ...unauthorizedError('Missing or invalid access token, or wrong current password'),
            '429': rateLimited,
          },
        },
      },
      '/api/identity/login-code': {
        post: {
          summary: 'Email a one-time 6-digit login code (valid 10 minutes)',
          ...publicOp,
          requestBody: body(loginCodeRequestInput),
          responses: {
            '202': { description: 'Accepted, whether or not the email has an account' },
            ...badInput,
            '429': rateLimited,
          },
        },
      },
      '/api/identity/login-code/verify': {
        post: {
          summary: 'Sign in with a login code (single use; void after 5 wrong attempts)',
          ...publicOp,
          requestBody: body(loginCodeVerifyInput),
          responses: {
            '200': sessionResponse('Signed in'),
            ...badInput,
            ...unauthorizedError('invalid email or code'),
            '429': rateLimited,
          },
        },
      },
      '/api/identity/.well-known/jwks.json': {
        get: {
          summary: 'Public keys of access tokens (also served at /.well-known/jwks.json)',
          ...publicOp,
          responses: { '200': { description: 'The key set, newest key first', ...json(jwksSchema) } },
        },
      },
    },
  });
}
