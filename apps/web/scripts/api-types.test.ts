// The committed API types (src/api/generated/*.ts) are what docs/openapi/*.json give today:
// regenerated in memory and compared file by file. The generator runs in a child process:
// openapi-typescript requires ESM-only packages, which Node loads but Jest's runtime does not.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR, REGENERATE_COMMAND, generatedFileNames, type GeneratedFile } from './api-types';

const shown = (name: string) => `apps/web/src/api/generated/${name}`;

/** What the generator would write now, without writing it. */
function regenerate(): GeneratedFile[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'generate-api-types.ts'), '--print'], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as GeneratedFile[];
}

// Starting a Node process with openapi-typescript and Prettier takes seconds on a busy machine.
jest.setTimeout(60_000);

test('src/api/generated/*.ts match docs/openapi/*.json', () => {
  const expected = regenerate();
  // The documents were found: the app calls at least these services.
  expect(expected.map((f) => f.name)).toEqual(expect.arrayContaining(['identity.ts', 'recurring.ts', 'tasks.ts']));
  const problems: string[] = [];
  for (const { name, source } of expected) {
    let committed: string | undefined;
    try {
      committed = readFileSync(join(GENERATED_DIR, name), 'utf8');
    } catch {}
    if (committed === undefined) problems.push(`${shown(name)} is missing`);
    else if (committed !== source) problems.push(`${shown(name)} differs from what its document gives`);
  }
  const wanted = new Set(expected.map((f) => f.name));
  for (const name of generatedFileNames()) {
    if (!wanted.has(name)) {
      problems.push(`${shown(name)} has no document (docs/openapi/${name.replace(/\.ts$/, '.json')})`);
    }
  }
  if (problems.length) throw new Error(`${problems.join('\n')}\nrun ${REGENERATE_COMMAND}`);
});
