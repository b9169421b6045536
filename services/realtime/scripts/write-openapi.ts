// Writes docs/openapi/realtime.json from the routes' zod schemas (a unit test keeps it current).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { realtimeOpenApi } from '../src/routes/openapi';

const target = join(__dirname, '..', '..', '..', 'docs', 'openapi', 'realtime.json');
mkdirSync(join(target, '..'), { recursive: true });
writeFileSync(target, `${JSON.stringify(realtimeOpenApi(), null, 2)}\n`);
console.log(`wrote ${target}`);
