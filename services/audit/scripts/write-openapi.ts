// Writes docs/openapi/audit.json from the routes' zod schemas (a unit test keeps it current).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditOpenApi } from '../src/routes/openapi';

const target = join(__dirname, '..', '..', '..', 'docs', 'openapi', 'audit.json');
mkdirSync(join(target, '..'), { recursive: true });
writeFileSync(target, `${JSON.stringify(auditOpenApi(), null, 2)}\n`);
console.log(`wrote ${target}`);
