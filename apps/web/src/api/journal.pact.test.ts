// Consumer contracts: the journal service, through the real client module (journal.ts over
// http.ts). Verified against the real service in tests/contracts/web-journal.int.test.ts.
// The v3 entry point only: the package root also loads the provider verifier (ESM-only deps).
import { MatchersV3, PactV3 } from '@pact-foundation/pact/src/v3';
import { ApiError, createHttp } from './http';
import { journalApi } from './journal';
import { CONSUMER, INSTANT, PACT_DIR, USER_ID, executeTest, pactFileLifecycle } from './pact-fixtures';

const { eachLike, like, integer, number, regex, uuid, fromProviderState } = MatchersV3;

const TOKEN = 'test-access-token';
const ENTRY_ID = '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b';
const INSIGHT_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const SUGGESTION_ID = '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f';
const auth = { authorization: regex(/^Bearer .+/, `Bearer ${TOKEN}`) };
const http = (url: string) => createHttp({ baseUrl: url, accessToken: () => TOKEN });
const entryPath = () => fromProviderState('/api/journal/entries/${entryId}', `/api/journal/entries/${ENTRY_ID}`);

const entryLike = (overrides: Record<string, unknown> = {}) => ({
  id: uuid(ENTRY_ID),
  userId: uuid(USER_ID),
  body: like('Went for a walk.'),
  mood: integer(4),
  tags: eachLike('walk', 0),
  writtenAt: like(INSTANT),
  writtenOn: regex(/^\d{4}-\d{2}-\d{2}$/, '2026-11-22'),
  timeZone: like('Europe/London'),
  wordCount: integer(4),
  version: integer(1),
  deletedAt: null,
  createdAt: like(INSTANT),
  updatedAt: like(INSTANT),
  insight: null,
  ...overrides,
});

const insightLike = () => ({
  id: uuid(INSIGHT_ID),
  entryId: uuid(ENTRY_ID),
  entryVersion: integer(1),
  summary: like('A calm day with a walk.'),
  sentiment: number(0.5),
  sentimentLabel: regex(/^(negative|neutral|positive)$/, 'positive'),
  themes: eachLike('walk', 0),
  suggestions: eachLike({ id: uuid(SUGGESTION_ID), text: like('Call Mum about the trip'), taskRequestId: null }, 1),
  provider: regex(/^(openai|ollama|local)$/, 'local'),
  model: like('wink-eng-lite-web-model+vader'),
  durationMs: integer(4),
  createdAt: like(INSTANT),
});

describe('journal, as the web app uses it', () => {
  const pact = new PactV3({ consumer: CONSUMER, provider: 'journal', dir: PACT_DIR, logLevel: 'warn' });
  pactFileLifecycle('journal');

  test('writing an entry', async () => {
    pact
      .given('ada is signed in')
      .uponReceiving('a new entry with a mood and tags')
      .withRequest({
        method: 'POST',
        path: '/api/journal/entries',
        headers: { ...auth, 'content-type': 'application/json' },
        body: { body: 'Went for a walk.', mood: 4, tags: ['walk'], timeZone: 'Europe/London' },
      })
      .willRespondWith({ status: 201, headers: { etag: like('"1"') }, body: entryLike() });
    await executeTest(pact, async (mock) => {
      const entry = await journalApi(http(mock.url)).create({
        body: 'Went for a walk.',
        mood: 4,
        tags: ['walk'],
        timeZone: 'Europe/London',
      });
      expect(entry.version).toBe(1);
    });
  });

  test('an invalid mood: 400 naming the field', async () => {
    pact
      .given('ada is signed in')
      .uponReceiving('a new entry with a mood of 9')
      .withRequest({
        method: 'POST',
        path: '/api/journal/entries',
        headers: { ...auth, 'content-type': 'application/json' },
        body: { body: 'Odd day.', mood: 9 },
      })
      .willRespondWith({
        status: 400,
        body: {
          error: {
            code: like('validation_failed'),
            message: like('body.mood: must be from 1 to 5'),
            details: { problems: eachLike({ field: 'body.mood', message: like('must be from 1 to 5') }) },
          },
        },
      });
    await executeTest(pact, async (mock) => {
      const err = await journalApi(http(mock.url))
        .create({ body: 'Odd day.', mood: 9 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).problems[0]!.field).toBe('body.mood');
    });
  });

  test('an entry with its insight', async () => {
    pact
      .given('ada has an analysed entry')
      .uponReceiving('a request for the entry')
      .withRequest({ method: 'GET', path: entryPath(), headers: auth })
      .willRespondWith({ status: 200, body: entryLike({ insight: insightLike() }) });
    await executeTest(pact, async (mock) => {
      const entry = await journalApi(http(mock.url)).get(ENTRY_ID);
      expect(entry.insight!.suggestions[0]!.text).toBe('Call Mum about the trip');
    });
  });

  test('turning a suggestion into a task', async () => {
    pact
      .given('ada has an analysed entry')
      .uponReceiving('a request to turn its suggestion into a task')
      .withRequest({
        method: 'POST',
        path: fromProviderState(
          '/api/journal/insights/${insightId}/suggestions/${suggestionId}/task',
          `/api/journal/insights/${INSIGHT_ID}/suggestions/${SUGGESTION_ID}/task`,
        ),
        headers: auth,
      })
      .willRespondWith({ status: 202, body: { requestId: uuid(SUGGESTION_ID), created: true } });
    await executeTest(pact, async (mock) => {
      await journalApi(http(mock.url)).turnIntoTask(INSIGHT_ID, SUGGESTION_ID);
    });
  });

  test('the calendar with the streaks', async () => {
    pact
      .given('ada has an analysed entry')
      .uponReceiving('a request for the calendar in London')
      .withRequest({
        method: 'GET',
        path: '/api/journal/calendar',
        headers: auth,
        query: { timeZone: 'Europe/London' },
      })
      .willRespondWith({
        status: 200,
        body: {
          timeZone: 'Europe/London',
          today: regex(/^\d{4}-\d{2}-\d{2}$/, '2026-11-22'),
          currentStreak: integer(1),
          longestStreak: integer(1),
          days: eachLike({ date: regex(/^\d{4}-\d{2}-\d{2}$/, '2026-11-22'), entries: integer(1), mood: number(4) }, 1),
        },
      });
    await executeTest(pact, async (mock) => {
      const calendar = await journalApi(http(mock.url)).calendar('Europe/London');
      expect(calendar.currentStreak).toBe(1);
    });
  });

  test('the settings, with what cloud AI would be sent', async () => {
    pact
      .given('ada is signed in')
      .uponReceiving('a request for the journal settings')
      .withRequest({ method: 'GET', path: '/api/journal/settings', headers: auth })
      .willRespondWith({
        status: 200,
        body: {
          cloudAi: false,
          reviewTime: null,
          timeZone: null,
          cloudProviders: eachLike(
            { name: like('openai'), model: like('gpt-4o-mini'), url: like('https://x.test/v1') },
            0,
          ),
          whatIsSent: { description: like('For each entry…'), exampleRequest: like({ model: 'gpt-4o-mini' }) },
        },
      });
    await executeTest(pact, async (mock) => {
      const settings = await journalApi(http(mock.url)).settings();
      expect(settings.cloudAi).toBe(false);
    });
  });
});
