// Where the web app's generated API types come from and go: src/api/generated/<service>.ts
// from docs/openapi/<service>.json (each document checked by its service's tests against
// what the service serves). generate-api-types.ts writes them; api-types.test.ts fails
// when the committed files differ from what the documents give. No heavy imports here:
// the test loads this module under Jest, which cannot load openapi-typescript (ESM deps).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The services the web app calls. A service without a document yet (docs/openapi/<service>.json)
 * is skipped; the services it does not call (realtime speaks WebSocket) are not generated.
 */
export const WEB_SERVICES = [
  'identity',
  'tasks',
  'recurring',
  'reminders',
  'notifications',
  'journal',
  'audit',
] as const;

export const DOCS_DIR = join(__dirname, '..', '..', '..', 'docs', 'openapi');
export const GENERATED_DIR = join(__dirname, '..', 'src', 'api', 'generated');
export const REGENERATE_COMMAND = 'npm run generate:api-types -w @daybook/web';

export interface GeneratedFile {
  /** The file name in GENERATED_DIR, e.g. tasks.ts. */
  name: string;
  source: string;
}

/** The services the web app calls that have a document now. */
export function documentedServices(): string[] {
  return WEB_SERVICES.filter((service) => existsSync(join(DOCS_DIR, `${service}.json`)));
}

/** The names of the generated files on disk now. */
export function generatedFileNames(): string[] {
  if (!existsSync(GENERATED_DIR)) return [];
  return readdirSync(GENERATED_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort();
}
