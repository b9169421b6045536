// Writes src/api/generated/<service>.ts from docs/openapi/<service>.json with openapi-typescript,
// formatted with the repository's Prettier config, for the services the web app calls
// (api-types.ts), and removes the file of a service whose document is gone. The files are
// committed: api-types.test.ts fails when they drift from the documents.
//   npm run generate:api-types -w @daybook/web
//   node --import tsx apps/web/scripts/generate-api-types.ts --print   (JSON on stdout, writes nothing)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import {
  DOCS_DIR,
  GENERATED_DIR,
  REGENERATE_COMMAND,
  documentedServices,
  generatedFileNames,
  type GeneratedFile,
} from './api-types';

const header = (service: string) =>
  [
    `// Generated from docs/openapi/${service}.json by apps/web/scripts/generate-api-types.ts`,
    `// (openapi-typescript): do not edit. After the document changes: ${REGENERATE_COMMAND}`,
    '',
  ].join('\n');

async function render(service: string): Promise<GeneratedFile> {
  const name = `${service}.ts`;
  const document = JSON.parse(readFileSync(join(DOCS_DIR, `${service}.json`), 'utf8')) as OpenAPI3;
  const ast = await openapiTS(document, { silent: true });
  const filepath = join(GENERATED_DIR, name);
  const prettierConfig = (await resolveConfig(filepath)) ?? {};
  const source = await format(`${header(service)}\n${astToString(ast)}`, { ...prettierConfig, filepath });
  return { name, source };
}

async function main(): Promise<void> {
  const files: GeneratedFile[] = [];
  for (const service of documentedServices()) files.push(await render(service));
  if (process.argv.includes('--print')) {
    process.stdout.write(JSON.stringify(files));
    return;
  }
  mkdirSync(GENERATED_DIR, { recursive: true });
  const shown = (name: string) => relative(process.cwd(), join(GENERATED_DIR, name));
  for (const { name, source } of files) {
    const path = join(GENERATED_DIR, name);
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current === source) {
      console.log(`unchanged ${shown(name)}`);
    } else {
      writeFileSync(path, source);
      console.log(`wrote ${shown(name)}`);
    }
  }
  const wanted = new Set(files.map((f) => f.name));
  for (const name of generatedFileNames()) {
    if (wanted.has(name)) continue;
    rmSync(join(GENERATED_DIR, name));
    console.log(`removed ${shown(name)} (no document for it)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
