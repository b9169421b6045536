import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRoutes } from './app-under-test';
import { pageQuery } from './history-query';
import { auditOpenApi } from './openapi';

const committed = () =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', 'audit.json'), 'utf8'));

test('docs/openapi/audit.json is up to date (npm run openapi -w @daybook/audit)', () => {
  expect(committed()).toEqual(JSON.parse(JSON.stringify(auditOpenApi())));
});

test('the service serves the committed document, to anyone, with a browsable UI', async () => {
  const unused = async () => {
    throw new Error('no use case runs');
  };
  const app = await startRoutes({ listEntityHistory: unused, listUserActivity: unused, exportHistory: unused });
  try {
    const served = await app.get('/api/audit/openapi.json');
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual(committed());
    const ui = await app.get('/api/audit/docs');
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('/api/audit/openapi.json');
  } finally {
    await app.close();
  }
});

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, unknown>; parameters: { name: string; schema: { pattern?: string } }[] }>
  >;
};

test('every status each endpoint can answer is documented, and no other', () => {
  const { paths } = committed() as Doc;
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
  expect(statuses).toEqual({
    'get /api/audit/entities/{entityType}/{entityId}': ['200', '400', '401', '404'],
    'get /api/audit/me': ['200', '400', '401'],
    'get /api/audit/export': ['200', '400', '401', '404'],
  });
});

test('the documented cursor accepts exactly what the route does', () => {
  const { paths } = committed() as Doc;
  const cursor = paths['/api/audit/me']!.get!.parameters.find((p) => p.name === 'cursor')!;
  const documented = new RegExp(cursor.schema.pattern!);
  for (const value of ['0', '42', '9223372036854775807', '9223372036854775808', '99999999999999999999', '-1', 'x']) {
    expect({ value, documented: documented.test(value) }).toEqual({
      value,
      documented: pageQuery.safeParse({ cursor: value }).success,
    });
  }
});
