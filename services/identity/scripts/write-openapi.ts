// Writes docs/openapi/identity.json from the zod schemas the routes validate with.
// `npm run openapi -w @daybook/identity`; a unit test fails when the committed file is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { identityOpenApiDocument } from '../src/routes/openapi';

const OPENAPI_FILE = join(__dirname, '..', '..', '..', 'docs', 'openapi', 'identity.json');

async function main() {
  const options = (await resolveConfig(OPENAPI_FILE)) ?? {};
  const text = await format(JSON.stringify(identityOpenApiDocument()), { ...options, parser: 'json' });
  mkdirSync(join(OPENAPI_FILE, '..'), { recursive: true });
  writeFileSync(OPENAPI_FILE, text);
  console.log(`wrote ${OPENAPI_FILE}`);
}

void main();
