// Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went: the functions
// with the most self time, and self time summed by package (node_modules/<pkg>), by our
// own code, by node internals and by garbage collection.
//
//   node --import tsx bench/cpuprofile-top.ts <file.cpuprofile> [--top 40] [--from <s>]
//                                             [--inclusive name,…] [--by-package]
//
// --from skips the profile's first seconds (module loading, warm-up); --by-package prints each
// package's inclusive time (samples with one of its frames anywhere on the stack).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2]!;
const topIndex = process.argv.indexOf('--top');
const TOP = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 40;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

const fromIndex = process.argv.indexOf('--from');
const FROM_US = fromIndex > 0 ? Number(process.argv[fromIndex + 1]) * 1e6 : 0;

// Self time per node from the samples and their time deltas (µs), from FROM_US on.
const selfUs = new Map<number, number>();
let clock = 0;
profile.samples.forEach((id, i) => {
  clock += profile.timeDeltas[i] ?? 0;
  if (clock >= FROM_US) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (url: string): string => {
  if (!url) return '(native / V8)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(services|packages)\/([^/]+)\//.exec(url);
  return own ? `${own[1]}/${own[2]}` : url;
};

const fns = new Map<string, number>();
const pkgs = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const key = `${functionName || '(anonymous)'}  ${where(url)}${url ? `:${lineNumber + 1}` : ''}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  const pkg = ['(garbage collector)', '(idle)', '(program)'].includes(functionName) ? functionName : where(url);
  pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
}
const pct = (us: number) => `${((us / totalUs) * 100).toFixed(1).padStart(5)}%`;
const busyUs = totalUs - (pkgs.get('(idle)') ?? 0);
console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled, ${(busyUs / 1e6).toFixed(1)} s not idle`);
console.log('\nself time by package / area:');
for (const [k, us] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(us)}  ${k}`);
console.log(`\ntop ${TOP} functions by self time:`);
for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${pct(us)}  ${k}`);

const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);

if (process.argv.includes('--by-package')) {
  const inclusive = new Map<string, number>();
  for (const [id, self] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const url = byId.get(at)!.callFrame.url;
      if (url) seen.add(where(url));
    }
    for (const pkg of seen) inclusive.set(pkg, (inclusive.get(pkg) ?? 0) + self);
  }
  console.log('\ninclusive time by package (a sample counts for every package on its stack):');
  for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${pct(us)}  ${k}`);
}

// Inclusive time of named frames (`--inclusive verify,safeParse`): samples with such a
// frame anywhere on their stack, each sample counted once per name.
const incIndex = process.argv.indexOf('--inclusive');
if (incIndex > 0) {
  for (const name of process.argv[incIndex + 1]!.split(',')) {
    let us = 0;
    for (const [id, self] of selfUs) {
      for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
        const frame = byId.get(at)!.callFrame;
        if (frame.functionName === name || `${frame.functionName}@${where(frame.url)}` === name) {
          us += self;
          break;
        }
      }
    }
    console.log(`${pct(us)} of all (${((us / busyUs) * 100).toFixed(1)}% of busy) under ${name}`);
  }
}
