import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recurringOpenApi } from './openapi';

test('docs/openapi/recurring.json is the document the service serves (npm run openapi -w @daybook/recurring)', () => {
  const committed = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', 'recurring.json'), 'utf8'),
  );
  expect(committed).toEqual(JSON.parse(JSON.stringify(recurringOpenApi())));
});
