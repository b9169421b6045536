import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import { LocalAnalyzer } from '../infrastructure/ai/local-analyzer';
import { OpenAiCompatibleProvider } from '../infrastructure/ai/openai-compatible';
import type { InsightProvider } from '../infrastructure/ai/provider';
import {
  fakeChatCompletions,
  modelInsight,
  useCaseHarness,
  type FakeChatCompletions,
  type UseCaseHarness,
} from '../testing';

/** A provider that runs `during` while it "thinks", then answers like the local analyzer. */
class SlowProvider implements InsightProvider {
  readonly name = 'ollama' as const;
  readonly model = 'slow-test';
  readonly remote = true;
  during: (() => Promise<void>) | undefined;
  async analyze() {
    await this.during?.();
    return modelInsight('Slow analysis.');
  }
}

let openai: FakeChatCompletions;
let h: UseCaseHarness;
const slow = new SlowProvider();
beforeAll(async () => {
  openai = await fakeChatCompletions({ kind: 'insight', content: modelInsight('From the cloud.') });
  h = await useCaseHarness({
    providers: [new OpenAiCompatibleProvider('openai', openai.url, 'gpt-test', 'sk-test'), slow, new LocalAnalyzer()],
    chainOptions: { attemptTimeoutMs: 2000, remoteBudgetMs: 4000 },
  });
});
afterAll(async () => {
  await h.close();
  await openai.close();
});
beforeEach(() => {
  slow.during = undefined;
});

const body = 'Went for a long walk in the park with Sam. I need to call Mum about the trip.';

test('by default an entry is analysed locally: the insight is stored with who made it, and announced', async () => {
  const userId = randomUUID();
  const entry = await h.anEntry(userId, { body, mood: 4 });
  const outcome = await h.analyze(entry.id, 1);
  expect(outcome).toMatchObject({ stored: true, result: { provider: 'local' } });
  const { insight } = await h.getEntry(userId, entry.id);
  expect(insight).toMatchObject({
    entryId: entry.id,
    entryVersion: 1,
    provider: 'local',
    model: 'wink-eng-lite-web-model+vader',
    sentimentLabel: expect.stringMatching(/positive|neutral|negative/),
  });
  expect(insight!.durationMs).toBeGreaterThanOrEqual(0);
  const analyzed = await h.events('daybook.journal.entry-analyzed.v2');
  expect(analyzed.at(-1)!.data).toMatchObject({ entryId: entry.id, entryVersion: 1, provider: 'local' });
  expect(JSON.stringify(analyzed.at(-1)!.data)).not.toContain('Mum');
});

test('with opt-out (the default), nothing is sent to the cloud provider: its server sees no request', async () => {
  const userId = randomUUID();
  const entry = await h.anEntry(userId, { body: 'Private thoughts about my health.' });
  const before = openai.received.length;
  await h.analyze(entry.id, 1);
  await h.editEntry(userId, entry.id, 1, { body: 'More private thoughts.' });
  await h.analyze(entry.id, 2);
  expect(openai.received.length).toBe(before);
  expect(openai.received.map((r) => JSON.stringify(r.body)).join()).not.toContain('private thoughts');
});

test('after opting in, the cloud provider analyses the entry, sent exactly as the settings show', async () => {
  const userId = randomUUID();
  const settings = await h.changeJournalSettings(userId, { cloudAi: true });
  expect(settings.cloudProviders.map((p) => p.name)).toEqual(['openai', 'ollama']);
  expect(settings.whatIsSent.exampleRequest).toMatchObject({
    model: 'gpt-test',
    response_format: { type: 'json_schema', json_schema: { strict: true } },
  });
  const entry = await h.anEntry(userId, { body: 'Opted-in entry.', mood: 3, tags: ['work'] });
  await h.analyze(entry.id, 1);
  expect((await h.getEntry(userId, entry.id)).insight).toMatchObject({
    provider: 'openai',
    summary: 'From the cloud.',
  });
  const sent = openai.received.at(-1)!.body as { messages: { role: string; content: string }[] };
  expect(sent.messages.at(-1)!.content).toBe('Mood (1-5): 3\nTags: work\n\nOpted-in entry.');
  expect(Object.keys(sent).sort()).toEqual(Object.keys(settings.whatIsSent.exampleRequest).sort());
  await h.changeJournalSettings(userId, { cloudAi: false });
  const count = openai.received.length;
  await h.editEntry(userId, entry.id, 1, { body: 'Opted out again.' });
  await h.analyze(entry.id, 2);
  expect(openai.received.length).toBe(count);
});

test('an analysis of a version edited meanwhile is discarded, never stored; the new version’s is', async () => {
  const userId = randomUUID();
  await h.changeJournalSettings(userId, { cloudAi: true });
  openai.answer({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
  const entry = await h.anEntry(userId, { body: 'First version.' });
  slow.during = async () => {
    slow.during = undefined;
    await h.editEntry(userId, entry.id, 1, { body: 'Second version.' });
  };
  const outcome = await h.analyze(entry.id, 1);
  expect(outcome).toMatchObject({ stored: false, reason: 'stale' });
  expect((await h.getEntry(userId, entry.id)).insight).toBeNull();
  // The first version's event arriving late is discarded too.
  expect(await h.analyze(entry.id, 1)).toMatchObject({ stored: false, reason: 'stale' });
  await h.changeJournalSettings(userId, { cloudAi: false });
  expect(await h.analyze(entry.id, 2)).toMatchObject({ stored: true });
  expect((await h.getEntry(userId, entry.id)).insight).toMatchObject({ entryVersion: 2, provider: 'local' });
});

test('an entry deleted before its analysis gets none', async () => {
  const userId = randomUUID();
  const entry = await h.anEntry(userId);
  await h.deleteEntry(userId, entry.id);
  expect(await h.analyze(entry.id, 1)).toMatchObject({ stored: false, reason: 'gone' });
});

test('the user can delete an insight; nobody else can', async () => {
  const userId = randomUUID();
  const entry = await h.anEntry(userId, { body });
  await h.analyze(entry.id, 1);
  const { insight } = await h.getEntry(userId, entry.id);
  await expect(h.deleteInsight(randomUUID(), insight!.id)).rejects.toBeInstanceOf(NotFound);
  await h.deleteInsight(userId, insight!.id);
  expect((await h.getEntry(userId, entry.id)).insight).toBeNull();
  expect(await h.listInsights(userId, 10)).toEqual([]);
});

test('a suggestion becomes one task request, however often it is asked for', async () => {
  const userId = randomUUID();
  const entry = await h.anEntry(userId, { body });
  await h.analyze(entry.id, 1);
  const { insight } = await h.getEntry(userId, entry.id);
  const suggestions = insight!.suggestions as { id: string; text: string }[];
  expect(suggestions.map((s) => s.text)).toEqual(['Call Mum about the trip']);
  const first = await h.turnSuggestionIntoTask(userId, insight!.id, suggestions[0]!.id);
  const again = await h.turnSuggestionIntoTask(userId, insight!.id, suggestions[0]!.id);
  expect(first.created).toBe(true);
  expect(again).toEqual({ requestId: first.requestId, created: false });
  const requests = (await h.events('daybook.journal.task-requested.v1')).filter((e) => e.data.entryId === entry.id);
  expect(requests.map((e) => e.data)).toEqual([
    expect.objectContaining({
      requestId: first.requestId,
      userId,
      title: 'Call Mum about the trip',
      source: { kind: 'journal-entry', entryId: entry.id, url: `/#/journal?entry=${entry.id}` },
    }),
  ]);
  // The entry's created event replayed: the insight, and the request on its suggestion, stay.
  expect(await h.analyze(entry.id, 1)).toMatchObject({ stored: false, reason: 'already-analysed' });
  expect(await h.turnSuggestionIntoTask(userId, insight!.id, suggestions[0]!.id)).toEqual(again);
  await expect(h.turnSuggestionIntoTask(randomUUID(), insight!.id, suggestions[0]!.id)).rejects.toBeInstanceOf(
    NotFound,
  );
  await expect(h.turnSuggestionIntoTask(userId, insight!.id, randomUUID())).rejects.toBeInstanceOf(NotFound);
});
