import { randomUUID } from 'node:crypto';
import { journalTaskRequested } from '@daybook/contracts';
import { kafkaClient } from '@daybook/substrate';
import {
  asUser,
  kafkaTap,
  startStack,
  testEnvironment,
  topicFor,
  waitFor,
  type KafkaTap,
  type ServiceUnderTest,
  type Stack,
} from '@daybook/testing';
import { fakeChatCompletions, type FakeChatCompletions } from '../../services/journal/src/testing';

// journal and tasks, each beside its own daprd, on Kafka: an entry is analysed after it is
// saved, and a suggestion turned into a task is created by the tasks service from the
// journal's event, exactly once. A cloud provider is configured (a local stand-in speaking
// the chat-completions API) but nobody opted in, so it must see no request.
let stack: Stack;
let journal: ServiceUnderTest;
let tasks: ServiceUnderTest;
let tap: KafkaTap;
let cloud: FakeChatCompletions;

beforeAll(async () => {
  cloud = await fakeChatCompletions();
  stack = await startStack({
    name: 'journal',
    services: ['journal', 'tasks'],
    consumes: { journal: ['journal-events', 'user-events'], tasks: ['journal-events', 'user-events'] },
    env: { OPENAI_API_KEY: 'sk-test-not-a-secret', OPENAI_BASE_URL: cloud.url },
  });
  ({ journal, tasks } = stack.services as { journal: ServiceUnderTest; tasks: ServiceUnderTest });
  tap = await kafkaTap(['journal-events', 'task-events']);
});

afterAll(async () => {
  await tap?.stop();
  await stack?.stop();
  await cloud?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are read loosely; assertions are exact
type Json = any;

function person() {
  const id = randomUUID();
  const http = asUser(stack.token(id));
  return {
    id,
    journal: (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      http<Json>(journal.baseUrl, method, path, body, headers),
    tasks: (method: string, path: string) => http<Json>(tasks.baseUrl, method, path),
  };
}

const body = 'Went for a long walk in the park with Sam. I need to call Mum about the trip.';

test('an entry is saved at once and its insight arrives after; with opt-out nothing reaches the cloud', async () => {
  const ada = person();
  const created = await ada.journal('POST', '/api/journal/entries', { body, mood: 4, tags: ['walk'] });
  expect(created.status).toBe(201);
  expect(created.etag).toBe('"1"');
  expect(created.body).toMatchObject({ body, mood: 4, tags: ['walk'], version: 1, insight: null });
  const entry = await waitFor('the insight', async () => {
    const r = await ada.journal('GET', `/api/journal/entries/${created.body.id}`);
    return r.body.insight ? r.body : undefined;
  });
  expect(entry.insight).toMatchObject({
    entryVersion: 1,
    provider: 'local',
    suggestions: [{ text: 'Call Mum about the trip' }],
  });
  expect(cloud.received).toEqual([]);
  const settings = await ada.journal('GET', '/api/journal/settings');
  expect(settings.body).toMatchObject({ cloudAi: false, cloudProviders: [{ name: 'openai', url: cloud.url }] });
});

test('a suggestion turned into a task makes exactly one task, even when the request is redelivered', async () => {
  const ada = person();
  const created = await ada.journal('POST', '/api/journal/entries', { body });
  const insight = await waitFor(
    'the insight',
    async () => (await ada.journal('GET', `/api/journal/entries/${created.body.id}`)).body.insight,
  );
  const path = `/api/journal/insights/${insight.id}/suggestions/${insight.suggestions[0].id}/task`;
  const first = await ada.journal('POST', path);
  expect(first.status).toBe(202);
  expect((await ada.journal('POST', path)).body).toEqual({ requestId: first.body.requestId, created: false });

  const request = await tap.waitFor(
    'the task request',
    (m) =>
      m.json?.type === journalTaskRequested.type &&
      (m.json.data as { requestId?: string }).requestId === first.body.requestId,
  );
  const task = await waitFor('the task', async () => (await ada.tasks('GET', '/api/tasks')).body.items[0]);
  expect(task).toMatchObject({
    title: 'Call Mum about the trip',
    notes: `From your journal entry: /#/journal?entry=${created.body.id}`,
  });

  // Redelivery: the very same event again, and a replay of it under a new event id.
  const producer = kafkaClient(testEnvironment().kafkaBrokers, 'daybook-test').producer();
  await producer.connect();
  const replayed = JSON.stringify({ ...(JSON.parse(request.value) as object), id: randomUUID() });
  await producer.send({
    topic: topicFor('journal-events'),
    messages: [
      { key: request.key, value: request.value },
      { key: request.key, value: replayed },
    ],
  });
  await producer.disconnect();
  await tap.waitFor('the replay on the topic', (m) => m.value === replayed);
  // The tasks service has seen the original and both copies (its consumed-events counter).
  await waitFor('tasks to see both copies', async () => (await consumed(tasks, journalTaskRequested.type)) >= 3);
  expect((await ada.tasks('GET', '/api/tasks')).body.items).toHaveLength(1);
});

test('bad input is a 400 naming the field; another user’s entry is a 404; edits need the current ETag', async () => {
  const ada = person();
  const bob = person();
  const bad = async (input: unknown, field: string) => {
    const r = await ada.journal('POST', '/api/journal/entries', input);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain(field);
  };
  await bad({ body: 'x'.repeat(20_001) }, 'body');
  await bad({ body: 'ok', mood: 9 }, 'mood');
  await bad({ body: 'ok', tags: ['a,b'] }, 'tags');
  await bad({ body: 'ok', writtenAt: 'tomorrow' }, 'writtenAt');
  await bad({ body: 'ok', timeZone: 'Nowhere/Land' }, 'timeZone');
  expect((await ada.journal('GET', '/api/journal/entries?cursor=nope')).status).toBe(400);
  expect((await ada.journal('GET', '/api/journal/entries/not-a-uuid')).status).toBe(400);
  expect((await ada.journal('PATCH', '/api/journal/settings', { cloudAi: 'yes' })).status).toBe(400);

  const entry = (await ada.journal('POST', '/api/journal/entries', { body: 'Mine.' })).body;
  expect((await bob.journal('GET', `/api/journal/entries/${entry.id}`)).status).toBe(404);
  expect(
    (await bob.journal('PATCH', `/api/journal/entries/${entry.id}`, { mood: 1 }, { 'if-match': '"1"' })).status,
  ).toBe(404);
  expect((await bob.journal('DELETE', `/api/journal/entries/${entry.id}`)).status).toBe(404);

  expect((await ada.journal('PATCH', `/api/journal/entries/${entry.id}`, { mood: 2 })).status).toBe(428);
  const edited = await ada.journal('PATCH', `/api/journal/entries/${entry.id}`, { mood: 2 }, { 'if-match': '"1"' });
  expect(edited).toMatchObject({ status: 200, etag: '"2"' });
  const stale = await ada.journal('PATCH', `/api/journal/entries/${entry.id}`, { mood: 3 }, { 'if-match': '"1"' });
  expect(stale.status).toBe(409);
  expect(stale.body.error.details.current).toMatchObject({ id: entry.id, version: 2, mood: 2 });
});

test('a weekly review time is a job in the real Scheduler; its trigger writes the review', async () => {
  const ada = person();
  await ada.journal('POST', '/api/journal/entries', { body: 'Work on the project, then a walk in the park.', mood: 3 });
  const settings = await ada.journal('PATCH', '/api/journal/settings', { reviewTime: '18:00', timeZone: 'UTC' });
  expect(settings.body).toMatchObject({ reviewTime: '18:00', timeZone: 'UTC' });
  const job = await waitFor('the review job', () => journal.sidecar.client.getJob(`weekly-review--${ada.id}`));
  // The jobs API shows the data as a protobuf Value; triggers deliver the value itself.
  const data = { userId: ada.id, reviewVersion: 1 };
  expect(job.data).toMatchObject({ value: data });

  // The trigger as the sidecar delivers it (Sunday is not today, whatever the day the test runs).
  const trigger = await fetch(`${journal.baseUrl}/job/weekly-review--${ada.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data),
  });
  expect(trigger.status).toBe(200);
  const reviews = (await ada.journal('GET', '/api/journal/reviews')).body.items;
  expect(reviews).toEqual([
    expect.objectContaining({
      streak: 1,
      entryIds: [expect.any(String)],
      moodTrend: [expect.objectContaining({ mood: 3 })],
    }),
  ]);

  await ada.journal('PATCH', '/api/journal/settings', { reviewTime: null });
  await waitFor(
    'the job to be cancelled',
    async () => (await journal.sidecar.client.getJob(`weekly-review--${ada.id}`)) === undefined,
  );
});

/** How many events of a type a service has consumed (its /metrics), whatever the outcome. */
async function consumed(service: ServiceUnderTest, type: string): Promise<number> {
  const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('daybook_events_consumed_total{') && l.includes(`type="${type}"`))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}
