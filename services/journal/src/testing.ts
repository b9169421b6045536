// For the use cases' integration tests only (nothing in the service imports it): every use
// case as app.ts builds it, on a fresh PostgreSQL database, publishing into the real outbox,
// with a recording stand-in for the Scheduler and the providers each test chooses.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { enqueueEvent, jobName, type JobWhen, type Jobs } from '@daybook/service-kit';
import { createTestDatabase } from '@daybook/testing';
import { buildUseCases } from './app';
import type { CreateEntryInput } from './domain/entry-input';
import { LocalAnalyzer } from './infrastructure/ai/local-analyzer';
import type { InsightProvider } from './infrastructure/ai/provider';
import { DEFAULT_CHAIN_OPTIONS, type ChainOptions } from './infrastructure/ai/provider-chain';
import { openDatabase, type Tx } from './infrastructure/database';
import type { Publish } from './infrastructure/outbox';

/** Publishes as the kit does: into the journal schema's outbox, in the caller's transaction. */
const publishToOutbox: Publish = (tx, contract, data, opts) => enqueueEvent(tx, 'journal', contract, data, opts);

/** A stand-in for the Dapr Scheduler: the jobs waiting, and every call in order. */
export function recordingJobs() {
  const waiting = new Map<string, { when: JobWhen; data: unknown }>();
  const calls: string[] = [];
  const jobs: Jobs = {
    async schedule(def, id, when, data) {
      const name = jobName(def.kind, id);
      waiting.set(name, { when, data: def.data.parse(data) });
      calls.push(`schedule ${name}`);
    },
    async cancel(def, id) {
      const name = jobName(def.kind, id);
      waiting.delete(name);
      calls.push(`cancel ${name}`);
    },
  };
  return { jobs, waiting, calls };
}

export async function useCaseHarness(
  opts: { providers?: (InsightProvider & { url?: string })[]; chainOptions?: Partial<ChainOptions> } = {},
) {
  const database = await createTestDatabase(['journal']);
  const db = openDatabase({ DATABASE_URL: database.url }, 'journal');
  const scheduler = recordingJobs();
  let clock: Date | undefined;
  const now = () => clock ?? new Date();
  const useCases = buildUseCases({
    db,
    publish: publishToOutbox,
    jobs: scheduler.jobs,
    providers: opts.providers ?? [new LocalAnalyzer()],
    chainOptions: { ...DEFAULT_CHAIN_OPTIONS, ...opts.chainOptions },
    now,
  });
  return {
    ...useCases,
    db,
    scheduler,
    /** Pins this test's clock (the use cases read it through `now`); undefined: the real one. */
    setClock(at: Date | undefined) {
      clock = at;
    },
    /** Runs `fn` in a transaction, as the kit runs an event handler. */
    inTransaction: <R>(fn: (tx: Tx) => Promise<R>) => db.$transaction(fn, { timeout: 15_000 }),
    /** An entry of `userId`'s, written as a person writes one. */
    anEntry: (userId: string, input: Partial<CreateEntryInput> = {}) =>
      useCases.createEntry(userId, { body: 'A quiet day. I read in the garden.', ...input }),
    /** Analyses the entry's version as its event handler does. */
    analyze: (entryId: string, version: number) =>
      db.$transaction((tx) => useCases.analyzeEntry(tx, entryId, version), { timeout: 15_000 }),
    /** Events in the outbox (committed), oldest first, optionally of one type. */
    async events(type?: string) {
      const rows = await db.$queryRawUnsafe<{ type: string; cloud_event: { data: Record<string, unknown> } }[]>(
        'SELECT type, cloud_event FROM outbox_events ORDER BY seq',
      );
      return rows.filter((r) => !type || r.type === type).map((r) => ({ type: r.type, data: r.cloud_event.data }));
    },
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}
export type UseCaseHarness = Awaited<ReturnType<typeof useCaseHarness>>;

/** How the fake chat-completions server answers one request. */
export type FakeAnswer =
  | { kind: 'insight'; content: unknown }
  | { kind: 'status'; status: number }
  | { kind: 'raw'; content: string }
  | { kind: 'hang' };

/**
 * A local HTTP server speaking the OpenAI chat-completions API (POST /chat/completions),
 * the stand-in for OpenAI's and Ollama's servers. It records every request it receives
 * and answers with the next of the answers queued (else with `fallback`).
 */
export async function fakeChatCompletions(fallback: FakeAnswer = { kind: 'status', status: 500 }) {
  const received: { path: string; authorization?: string; body: Record<string, unknown> }[] = [];
  const queue: FakeAnswer[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        body: JSON.parse(text || '{}') as Record<string, unknown>,
      });
      const answer = queue.shift() ?? fallback;
      const reply = (content: string) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: 'chatcmpl-test',
            object: 'chat.completion',
            choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          }),
        );
      if (answer.kind === 'insight') reply(JSON.stringify(answer.content));
      else if (answer.kind === 'raw') reply(answer.content);
      else if (answer.kind === 'status') res.writeHead(answer.status).end('{"error":{"message":"boom"}}');
      else hanging.add(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    received,
    /** Queues answers for the next requests, in order. */
    answer(...answers: FakeAnswer[]) {
      queue.push(...answers);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type FakeChatCompletions = Awaited<ReturnType<typeof fakeChatCompletions>>;

/** A valid insight, as a model would answer it. */
export const modelInsight = (summary = 'You had a calm day.') => ({
  summary,
  sentiment: 0.5,
  sentimentLabel: 'positive',
  themes: ['calm'],
  suggestions: ['Plan another walk'],
});
