// Local analyzer latency per entry: the embedded analysis (wink-nlp, VADER, themes,
// extractive summary, follow-ups) of journal entries of several lengths, one after another
// in one process, as the journal's event handler runs it. Figures go to docs/performance.md.
//
//   npm run bench:journal -- [--entries 2000] [--warmup 200]
import { performance } from 'node:perf_hooks';
import { plainText } from '../services/journal/src/domain/markdown';
import { LocalAnalyzer } from '../services/journal/src/infrastructure/ai/local-analyzer';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ENTRIES = Number(arg('entries', '2000'));
const WARMUP = Number(arg('warmup', '200'));

const SENTENCES = [
  'Went for a long walk in the park with Sam before breakfast.',
  'Work on the project was stressful and the deadline is close.',
  'I need to call Mum about the trip next month.',
  'The weather was **wonderful** and I felt calm for the first time in weeks.',
  'I did not sleep well, and the meeting ran late again.',
  'Remember to book the train tickets before Friday.',
  'Read two chapters of the novel in the garden; the ending surprised me.',
  'I should stop checking email after dinner.',
];
/** An entry of `n` sentences, varied by its index, in markdown as people write it. */
const entry = (i: number, n: number) =>
  `# Day ${i}\n\n` + Array.from({ length: n }, (_, k) => `- ${SENTENCES[(i + k * 3) % SENTENCES.length]}`).join('\n');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const analyzer = new LocalAnalyzer();
const lengths = [3, 10, 40];
const rows: string[] = [];
for (let i = 0; i < WARMUP; i++) analyzer.analyzeNow({ text: plainText(entry(i, 10)), mood: null, tags: [] });
for (const n of lengths) {
  const times: number[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const text = entry(i, n);
    const started = performance.now();
    analyzer.analyzeNow({ text: plainText(text), mood: 3, tags: [] });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const words = plainText(entry(0, n)).split(/\s+/).length;
  rows.push(
    `| ${n} sentences (~${words} words) | ${ENTRIES} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 95).toFixed(2)} | ${percentile(times, 99).toFixed(2)} | ${times.at(-1)!.toFixed(2)} |`,
  );
}
console.log('| entry | analyses | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|');
console.log(rows.join('\n'));
