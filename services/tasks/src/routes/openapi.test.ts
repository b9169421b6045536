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
    for (const [method, op] of Object.entries(ops)) {
      expect({ path, method, has401: '401' in op.responses }).toEqual({ path, method, has401: true });
    }
  }
});
