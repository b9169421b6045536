import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { journalOpenApi } from './openapi';

test('docs/openapi/journal.json is the document the service serves (run npm run openapi -w @daybook/journal)', () => {
  const committed = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', 'journal.json'), 'utf8'),
  );
  expect(committed).toEqual(JSON.parse(JSON.stringify(journalOpenApi())));
});

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: { required?: boolean } }>>;
};

test('every status each endpoint can answer is documented', () => {
  const doc = JSON.parse(JSON.stringify(journalOpenApi())) as Doc;
  const statuses = Object.fromEntries(
    Object.entries(doc.paths).flatMap(([path, ops]) =>
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
    'get /api/journal/export': ['200', '401'],
    'post /api/journal/import': ['201', '400', '401', '413', '415'],
    'get /api/journal/entries': ['200', '400', '401'],
    'post /api/journal/entries': ['201', '400', '401', ...body],
    'get /api/journal/entries/{id}': ['200', '400', '401', '404'],
    'patch /api/journal/entries/{id}': ['200', '400', '401', '404', '409', ...body, '428'].sort(),
    'delete /api/journal/entries/{id}': ['200', '400', '401', '404', '409'],
    'post /api/journal/entries/{id}/restore': ['200', '400', '401', '404', '409'],
    'get /api/journal/calendar': ['200', '400', '401'],
    'get /api/journal/insights': ['200', '400', '401'],
    'delete /api/journal/insights/{id}': ['204', '400', '401', '404'],
    'post /api/journal/insights/{id}/suggestions/{suggestionId}/task': ['202', '400', '401', '404'],
    'get /api/journal/reviews': ['200', '400', '401'],
    'get /api/journal/settings': ['200', '401'],
    'patch /api/journal/settings': ['200', '400', '401', ...body],
  });
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops)) if (op.requestBody) expect(op.requestBody.required).toBe(true);
  }
});
