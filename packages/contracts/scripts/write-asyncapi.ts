// Writes docs/events/asyncapi.yaml and one JSON Schema per event from the contracts.
// A unit test fails when the committed files differ from what this would write.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEventDocs } from './render-event-docs';

const root = join(__dirname, '..', '..', '..');
for (const [path, content] of Object.entries(renderEventDocs())) {
  const target = join(root, path);
  mkdirSync(join(target, '..'), { recursive: true });
  writeFileSync(target, content);
  console.log(`wrote ${path}`);
}
