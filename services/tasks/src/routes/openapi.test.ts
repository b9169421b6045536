import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { tasksOpenApi } from './openapi';

test('docs/openapi/tasks.json is the document the service serves (run npm run openapi -w @daybook/tasks)', () => {
  const committed = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', 'tasks.json'), 'utf8'),
  );
  expect(committed).toEqual(JSON.parse(JSON.stringify(tasksOpenApi())));
});

test('every operation documents its error responses', () => {
  // Read as JSON, the document has to be of this shape: every path maps methods to operations.
  const doc = z
    .object({
      paths: z.record(z.string(), z.record(z.string(), z.object({ responses: z.record(z.string(), z.unknown()) }))),
    })
    .parse(JSON.parse(JSON.stringify(tasksOpenApi())));
  for (const [path, ops] of Object.entries(doc.paths)) {
    // The calendar feed takes no sign-in: its URL's token is the credential.
    if (path === '/api/tasks/calendar/{file}') continue;
    for (const [method, op] of Object.entries(ops)) {
      expect({ path, method, has401: '401' in op.responses }).toEqual({ path, method, has401: true });
    }
  }
});

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<string, unknown>;
        requestBody?: { required?: boolean };
        parameters?: { name: string; style?: string; explode?: boolean; schema: { type?: string } }[];
      }
    >
  >;
};
const documented = () => JSON.parse(JSON.stringify(tasksOpenApi())) as Doc;

test('every status each endpoint can answer is documented, and no other', () => {
  const statuses = Object.fromEntries(
    Object.entries(documented().paths).flatMap(([path, ops]) =>
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
    'get /api/tasks': ['200', '400', '401'],
    'post /api/tasks': ['201', '400', '401', ...body],
    'get /api/tasks/views/today': ['200', '400', '401'],
    'get /api/tasks/views/upcoming': ['200', '400', '401'],
    'post /api/tasks/bulk': ['200', '400', '401', ...body],
    'get /api/tasks/{id}': ['200', '400', '401', '404'],
    // If-Match is required (428 without it); a stale one is a 409 carrying the server's copy.
    'patch /api/tasks/{id}': ['200', '400', '401', '404', '409', ...body, '428'].sort(),
    'delete /api/tasks/{id}': ['200', '400', '401', '404', '409'],
    'post /api/tasks/{id}/complete': ['200', '400', '401', '404', '409', '428', ...body].sort(),
    'post /api/tasks/{id}/move': ['200', '400', '401', '404', '409', ...body],
    'post /api/tasks/{id}/reopen': ['200', '400', '401', '404', '409', '428'],
    'post /api/tasks/{id}/restore': ['200', '400', '401', '404', '409'],
    'get /api/tasks/counts': ['200', '400', '401'],
    'put /api/tasks/tags/order': ['200', '400', '401', '404', ...body],
    'put /api/tasks/lists/order': ['200', '400', '401', '404', ...body],
    'get /api/tasks/tags': ['200', '401'],
    'post /api/tasks/tags': ['201', '400', '401', '409', ...body],
    'patch /api/tasks/tags/{id}': ['200', '400', '401', '404', '409', ...body],
    'delete /api/tasks/tags/{id}': ['204', '400', '401', '404'],
    'get /api/tasks/lists': ['200', '401'],
    'post /api/tasks/lists': ['201', '400', '401', ...body],
    'patch /api/tasks/lists/{id}': ['200', '400', '401', '404', ...body],
    'delete /api/tasks/lists/{id}': ['204', '400', '401', '404'],
    'get /api/tasks/export': ['200', '400', '401'],
    'post /api/tasks/import': ['200', '201', '400', '401', ...body],
    'get /api/tasks/calendar-feed': ['200', '401', '404'],
    'post /api/tasks/calendar-feed': ['201', '401'],
    'delete /api/tasks/calendar-feed': ['204', '401', '404'],
    // No sign-in; an unknown, regenerated or revoked token is a 404.
    'get /api/tasks/calendar/{file}': ['200', '304', '400', '404'],
  });
  // Every body is required, but completion's: without one, the task completes alone.
  const optionalBody = new Set(['post /api/tasks/{id}/complete']);
  for (const [path, ops] of Object.entries(documented().paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (op.requestBody)
        expect(op.requestBody.required).toBe(optionalBody.has(`${method} ${path}`) ? undefined : true);
    }
  }
});

test('comma-separated list parameters are documented as lists, sent unexploded', () => {
  const params = documented().paths['/api/tasks']!.get!.parameters!;
  for (const name of ['priority', 'tagIds']) {
    expect(params.find((p) => p.name === name)).toMatchObject({
      style: 'form',
      explode: false,
      schema: { type: 'array' },
    });
  }
});
