// Reminder burst benchmark: N reminders (default 10,000) all due within the same minute,
// through the real reminders service beside its daprd and the real Scheduler: task events
// go onto task-events (as the tasks service would publish them), reminders schedules one
// Dapr job each, and every firing arrives as reminder.due on reminder-events. Reports the
// fire delay (firedAt − due) p50/p99 and that every reminder fired exactly once.
//
//   npm run bench:reminders -- [--reminders 10000] [--lead 60]
import { randomUUID } from 'node:crypto';
import { taskCreated, type TaskSnapshot } from '@daybook/contracts';
import { buildCloudEvent } from '@daybook/service-kit';
import { kafkaClient } from '@daybook/substrate';
import { kafkaTap, startStack, testEnvironment, topicFor, waitFor } from '@daybook/testing';
import globalSetup from '../packages/testing/src/global-setup';
import globalTeardown from '../packages/testing/src/global-teardown';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REMINDERS = arg('reminders', 10_000);
const LEAD_SECONDS = arg('lead', 60);

async function main() {
  await globalSetup();
  const stack = await startStack({
    name: 'bench-reminders',
    services: ['reminders'],
    consumes: { reminders: ['task-events'] },
    env: { LOG_LEVEL: 'warn' },
  });
  const tap = await kafkaTap(['reminder-events']);
  try {
    // All due inside one minute, starting LEAD_SECONDS from now (time to schedule them).
    const start = Math.ceil(Date.now() / 1000) * 1000 + LEAD_SECONDS * 1000;
    const userId = randomUUID();
    const due = new Map<string, number>();
    const events = Array.from({ length: REMINDERS }, (_, i) => {
      const at = new Date(start + Math.floor((i / REMINDERS) * 60_000));
      const task: TaskSnapshot = {
        ...taskCreated.example.task,
        id: randomUUID(),
        userId,
        title: `Reminder ${i}`,
        due: null,
        dueAt: null,
        reminders: [{ id: randomUUID(), type: 'absolute', at: at.toISOString() }],
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      };
      due.set(task.id, at.getTime());
      return { key: task.id, value: JSON.stringify(buildCloudEvent(taskCreated, { task })) };
    });
    const producer = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-bench').producer();
    await producer.connect();
    for (let i = 0; i < events.length; i += 500)
      await producer.send({ topic: topicFor('task-events'), messages: events.slice(i, i + 500) });
    await producer.disconnect();
    const scheduledBy = Date.now();
    await waitFor('every reminder to fire', () => new Set(tap.messages.map((m) => m.key)).size >= REMINDERS, {
      timeoutMs: (LEAD_SECONDS + 600) * 1000,
    });
    const fired = tap.messages.map((m) => ({
      key: m.key!,
      firedAt: Date.parse((m.json as { data: { firedAt: string } }).data.firedAt),
    }));
    const delays = fired.map((f) => f.firedAt - due.get(f.key)!).sort((a, b) => a - b);
    const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]!;
    const early = delays.filter((d) => d < 0).length;
    const counts = new Map<string, number>();
    for (const f of fired) counts.set(f.key, (counts.get(f.key) ?? 0) + 1);
    console.log(
      `\n${REMINDERS} reminders due between +${LEAD_SECONDS}s and +${LEAD_SECONDS + 60}s (events sent ${Math.round((scheduledBy - (start - LEAD_SECONDS * 1000)) / 1000)} s after start)`,
    );
    console.log(
      `fired: ${counts.size} distinct, ${fired.length} firings, ${[...counts.values()].filter((c) => c > 1).length} fired twice, ${early} early`,
    );
    console.log(
      `fire delay: p50 ${at(0.5)} ms · p95 ${at(0.95)} ms · p99 ${at(0.99)} ms · max ${delays[delays.length - 1]} ms`,
    );
  } finally {
    await tap.stop();
    await stack.stop();
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
