// Generates a service's Prisma client: `generate.ts <service>`.
// `prisma generate` does not need Prisma's native schema engine, but the CLI looks for one
// and tries to download it (impossible offline): point it at a stub that says why it
// cannot run. Migrations are applied by our own runner (src/migrate.ts).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const service = process.argv[2];
if (!service) throw new Error('usage: generate.ts <service>');
const repoRoot = join(__dirname, '..', '..', '..');
const schema = join(repoRoot, 'prisma', service, 'schema.prisma');
if (!existsSync(schema)) {
  console.log(`${service}: no prisma/${service}/schema.prisma, nothing to generate`);
  process.exit(0);
}
const stubDir = join(tmpdir(), 'daybook-prisma');
const stub = join(stubDir, 'schema-engine-stub');
mkdirSync(stubDir, { recursive: true });
writeFileSync(
  stub,
  '#!/bin/sh\necho "Prisma schema engine is not available offline: use npm run migrate" >&2\nexit 1\n',
);
chmodSync(stub, 0o755);
const prismaCli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
process.exit(result.status ?? 1);
