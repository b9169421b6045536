// Entry saved → its insight readable on another device, with the local analyzer, through
// the full path: HTTP → journal → PostgreSQL → outbox → daprd → Kafka → daprd → the
// journal's own handler (analysis, insight stored) → the API. A second client (the "other
// device") polls the entry every 10 ms from the moment the first gets its 201. Entries are
// written one after another, at a person's pace. Figures go to docs/performance.md.
//
//   npm run bench:journal-insight -- [--entries 100]
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { asUser, startStack } from '@daybook/testing';
import globalSetup from '../packages/testing/src/global-setup';
import globalTeardown from '../packages/testing/src/global-teardown';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ENTRIES = Number(arg('entries', '100'));
const POLL_MS = 10;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  await globalSetup();
  const stack = await startStack({
    name: 'bench-journal',
    services: ['journal'],
    consumes: { journal: ['journal-events'] },
    env: { LOG_LEVEL: 'warn' },
  });
  try {
    const token = stack.token(randomUUID());
    const writer = asUser(token);
    const otherDevice = asUser(token);
    const base = stack.services.journal!.baseUrl;
    const times: number[] = [];
    for (let i = 0; i < ENTRIES + 5; i++) {
      const created = await writer<{ id: string }>(base, 'POST', '/api/journal/entries', {
        body: `Day ${i}: a walk in the park, then work on the project. I need to call Sam about the trip.`,
        mood: (i % 5) + 1,
      });
      const saved = performance.now();
      for (;;) {
        const r = await otherDevice<{ insight: unknown }>(base, 'GET', `/api/journal/entries/${created.body.id}`);
        if (r.body.insight) break;
        if (performance.now() - saved > 30_000) throw new Error('no insight after 30 s');
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      // The first five warm the path up (connections, JIT).
      if (i >= 5) times.push(performance.now() - saved);
    }
    times.sort((a, b) => a - b);
    console.log(
      `entry saved → insight on another device, ${ENTRIES} entries: p50 ${percentile(times, 50).toFixed(0)} ms · ` +
        `p95 ${percentile(times, 95).toFixed(0)} ms · p99 ${percentile(times, 99).toFixed(0)} ms · max ${times.at(-1)!.toFixed(0)} ms`,
    );
  } finally {
    await stack.stop();
    await globalTeardown();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
