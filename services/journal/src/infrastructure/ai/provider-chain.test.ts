// The provider chain against a local server speaking the chat-completions API (the stand-in
// for OpenAI and Ollama): every failure falls through, in order, to the local analyzer.
import { fakeChatCompletions, modelInsight, type FakeChatCompletions } from '../../testing';
import { LocalAnalyzer } from './local-analyzer';
import { OpenAiCompatibleProvider } from './openai-compatible';
import { ProviderChain, type ChainOptions } from './provider-chain';

const request = { text: 'Went for a walk with Sam. I need to call Mum about the trip.', mood: 4, tags: ['walk'] };
const options: ChainOptions = {
  attemptTimeoutMs: 300,
  attempts: 2,
  remoteBudgetMs: 2000,
  breakerFailures: 3,
  breakerOpenMs: 60_000,
};

let openai: FakeChatCompletions;
let ollama: FakeChatCompletions;
beforeEach(async () => {
  openai = await fakeChatCompletions();
  ollama = await fakeChatCompletions();
});
afterEach(async () => {
  await openai.close();
  await ollama.close();
});

const chain = (opts: Partial<ChainOptions> = {}) =>
  new ProviderChain(
    [
      new OpenAiCompatibleProvider('openai', openai.url, 'gpt-test', 'sk-test'),
      new OpenAiCompatibleProvider('ollama', ollama.url, 'llama-test'),
      new LocalAnalyzer(),
    ],
    { ...options, ...opts },
  );

test('OpenAI answers first, with strict structured output, and the insight records who made it', async () => {
  openai.answer({ kind: 'insight', content: modelInsight('From OpenAI.') });
  const result = await chain().analyze(request, true);
  expect(result).toMatchObject({ provider: 'openai', model: 'gpt-test', content: { summary: 'From OpenAI.' } });
  expect(result.durationMs).toBeGreaterThanOrEqual(0);
  expect(openai.received).toHaveLength(1);
  expect(openai.received[0]).toMatchObject({
    path: '/v1/chat/completions',
    authorization: 'Bearer sk-test',
    body: {
      model: 'gpt-test',
      response_format: { type: 'json_schema', json_schema: { name: 'journal_insight', strict: true } },
    },
  });
  const schema = (openai.received[0]!.body.response_format as { json_schema: { schema: Record<string, unknown> } })
    .json_schema.schema;
  expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
  expect(ollama.received).toHaveLength(0);
});

test.each([
  ['a 500', { kind: 'status', status: 500 }],
  ['a timeout', { kind: 'hang' }],
  ['malformed JSON', { kind: 'raw', content: '{"summary": "cut off' }],
  ['JSON outside the schema', { kind: 'insight', content: { ...modelInsight(), sentiment: 'very happy' } }],
  ['JSON out of range', { kind: 'insight', content: { ...modelInsight(), sentiment: 7 } }],
] as const)('after %s from OpenAI (retried), Ollama answers', async (_, failure) => {
  openai.answer(failure, failure);
  ollama.answer({ kind: 'insight', content: modelInsight('From Ollama.') });
  const result = await chain().analyze(request, true);
  expect(result).toMatchObject({ provider: 'ollama', model: 'llama-test', content: { summary: 'From Ollama.' } });
  expect(result.trail.map((t) => [t.provider, t.outcome])).toEqual([
    ['openai', 'failed'],
    ['ollama', 'answered'],
  ]);
  expect(openai.received).toHaveLength(2);
  expect(ollama.received[0]!.path).toBe('/v1/chat/completions');
});

test('when both remote providers fail, the local analyzer answers', async () => {
  openai.answer({ kind: 'status', status: 503 }, { kind: 'raw', content: 'not json' });
  ollama.answer({ kind: 'hang' }, { kind: 'insight', content: { summary: 'missing fields' } });
  const result = await chain().analyze(request, true);
  expect(result.provider).toBe('local');
  expect(result.trail.map((t) => t.outcome)).toEqual(['failed', 'failed', 'answered']);
});

test('a valid answer after a failure is taken (retry)', async () => {
  openai.answer({ kind: 'status', status: 500 }, { kind: 'insight', content: modelInsight('Second try.') });
  expect((await chain().analyze(request, true)).content.summary).toBe('Second try.');
});

test('hanging providers cannot hold the analysis beyond the remote budget', async () => {
  openai.answer({ kind: 'hang' }, { kind: 'hang' });
  ollama.answer({ kind: 'hang' }, { kind: 'hang' });
  const started = performance.now();
  const result = await chain({ attemptTimeoutMs: 250, remoteBudgetMs: 400 }).analyze(request, true);
  expect(result.provider).toBe('local');
  expect(performance.now() - started).toBeLessThan(1500);
  expect(result.trail.map((t) => t.outcome)).toEqual(['failed', 'out-of-time', 'answered']);
});

test("a provider's circuit opens after consecutive failures: it is then skipped without a request", async () => {
  const c = chain({ attempts: 1, breakerFailures: 2 });
  await c.analyze(request, true);
  await c.analyze(request, true);
  const before = openai.received.length;
  const result = await c.analyze(request, true);
  expect(openai.received.length).toBe(before);
  expect(result.trail[0]).toMatchObject({ provider: 'openai', outcome: 'circuit-open' });
});

test('without the user’s opt-in, no remote provider is asked: nothing leaves the machine', async () => {
  openai.answer({ kind: 'insight', content: modelInsight() });
  const result = await chain().analyze(request, false);
  expect(result.provider).toBe('local');
  expect(result.trail.map((t) => t.outcome)).toEqual(['not-allowed', 'not-allowed', 'answered']);
  expect(openai.received).toHaveLength(0);
  expect(ollama.received).toHaveLength(0);
});
