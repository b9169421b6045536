// Writes docs/openapi/notifications.json from the routes' zod schemas (a unit test keeps it current).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { notificationsOpenApi } from '../src/routes/openapi';

const target = join(__dirname, '..', '..', '..', 'docs', 'openapi', 'notifications.json');
mkdirSync(join(target, '..'), { recursive: true });
writeFileSync(target, `${JSON.stringify(notificationsOpenApi(), null, 2)}\n`);
console.log(`wrote ${target}`);
