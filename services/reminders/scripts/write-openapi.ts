// Writes docs/openapi/reminders.json from the routes' zod schemas (a unit test keeps it current).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { remindersOpenApi } from '../src/routes/openapi';

const target = join(__dirname, '..', '..', '..', 'docs', 'openapi', 'reminders.json');
mkdirSync(join(target, '..'), { recursive: true });
writeFileSync(target, `${JSON.stringify(remindersOpenApi(), null, 2)}\n`);
console.log(`wrote ${target}`);
