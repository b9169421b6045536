import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { identityOpenApiDocument } from './openapi';

const committed = join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', 'identity.json');

test('docs/openapi/identity.json is up to date (npm run openapi -w @daybook/identity)', () => {
  const current = JSON.parse(JSON.stringify(identityOpenApiDocument()));
  expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(current);
});

test('every identity endpoint of docs/api.md is documented', () => {
  const doc = identityOpenApiDocument();
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    ['get', 'post', 'patch', 'delete'].filter((m) => m in (item as object)).map((m) => `${m.toUpperCase()} ${path}`),
  );
  expect(operations.sort()).toEqual(
    [
      'POST /api/identity/signup',
      'POST /api/identity/login',
      'POST /api/identity/refresh',
      'POST /api/identity/logout',
      'GET /api/identity/me',
      'PATCH /api/identity/me',
      'DELETE /api/identity/me',
      'POST /api/identity/password',
      'POST /api/identity/login-code',
      'POST /api/identity/login-code/verify',
      'GET /api/identity/.well-known/jwks.json',
    ].sort(),
  );
  // Request bodies are the strict schemas the routes validate with: unknown fields rejected.
  const schemas = doc.components?.schemas ?? {};
  expect(schemas.SignupInput).toMatchObject({
    additionalProperties: false,
    required: ['email', 'password', 'timeZone'],
  });
  expect(schemas.Session).toBeDefined();
});

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<string, { headers?: Record<string, unknown> }>;
        requestBody?: { required?: boolean };
      }
    >
  >;
};

test('every status each endpoint can answer is documented, and no other', () => {
  const { paths } = JSON.parse(JSON.stringify(identityOpenApiDocument())) as Doc;
  const statuses = Object.fromEntries(
    Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => [
        `${method} ${path}`,
        Object.keys(op.responses)
          .filter((status) => status !== '503') // the kit's "busy", on every operation
          .sort(),
      ]),
    ),
  );
  const body = ['413', '415'];
  expect(statuses).toEqual({
    'post /api/identity/signup': ['201', '400', '409', ...body],
    'post /api/identity/login': ['200', '400', '401', ...body, '429'],
    'post /api/identity/refresh': ['200', '400', '401', ...body],
    'post /api/identity/logout': ['204', '400', ...body],
    'get /api/identity/me': ['200', '401'],
    'patch /api/identity/me': ['200', '400', '401', ...body],
    'delete /api/identity/me': ['204', '400', '401', ...body, '429'],
    'post /api/identity/password': ['204', '400', '401', ...body, '429'],
    'post /api/identity/login-code': ['202', '400', ...body, '429'],
    'post /api/identity/login-code/verify': ['200', '400', '401', ...body, '429'],
    'get /api/identity/.well-known/jwks.json': ['200'],
  });
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      // Every 429 says how long to wait; only refresh and logout take no body (the cookie instead).
      if (op.responses['429']) expect(op.responses['429'].headers).toHaveProperty('Retry-After');
      const optional = path.endsWith('/refresh') || path.endsWith('/logout');
      if (op.requestBody)
        expect({ method, path, required: op.requestBody.required }).toEqual({ method, path, required: !optional });
    }
  }
});
