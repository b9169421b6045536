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
