// Fails when the JavaScript of the first load (index.html's scripts and modulepreloads)
// is above the budget, gzipped. Run after `vite build`:
//   node --import tsx apps/web/scripts/check-bundle-size.ts [distDir]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 200 * 1024;

const dist = resolve(process.argv[2] ?? join(__dirname, '..', 'dist'));
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [
  ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
]
  .map((m) => m[1]!)
  .filter((src) => src.startsWith('/'));
const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);

const gz = (path: string) => gzipSync(readFileSync(join(dist, path))).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

let js = 0;
for (const src of new Set(scripts)) {
  const size = gz(src);
  js += size;
  console.log(`  ${src.padEnd(40)} ${kb(size)} gzipped`);
}
const css = styles.reduce((sum, href) => sum + gz(href), 0);
console.log(`first-load JavaScript: ${kb(js)} gzipped (budget ${kb(BUDGET_BYTES)}); CSS ${kb(css)} gzipped`);
if (scripts.length === 0) {
  console.error('no scripts found in index.html: is this a vite build?');
  process.exit(1);
}
if (js > BUDGET_BYTES) {
  console.error(`over budget by ${kb(js - BUDGET_BYTES)}`);
  process.exit(1);
}
