// Consumer contracts: the recurring service's preview and the reminders service, through the
// real client modules (recurring.ts, reminders.ts over http.ts). Provider verification for
// these two is not wired yet (tests/contracts has tasks and identity only).
// The v3 entry point only: the package root also loads the provider verifier (ESM-only deps).
import { MatchersV3, PactV3 } from '@pact-foundation/pact/src/v3';
import { ApiError, createHttp } from './http';
import { recurringApi } from './recurring';
import { remindersApi } from './reminders';
import { CONSUMER, executeTest, pactFileLifecycle, INSTANT, PACT_DIR, TASK_ID, errorLike } from './pact-fixtures';

const { eachLike, like, regex, uuid, fromProviderState } = MatchersV3;

const TOKEN = 'test-access-token';
const REMINDER_ID = '7e4d2c1b-0a9f-4e8d-b7c6-a5f4e3d2c1b0';
const auth = { authorization: regex(/^Bearer .+/, `Bearer ${TOKEN}`) };
const http = (url: string) => createHttp({ baseUrl: url, accessToken: () => TOKEN });
const taskId = () => fromProviderState('${taskId}', TASK_ID);
const reminderId = () => fromProviderState('${reminderId}', REMINDER_ID);

describe('recurring, as the web app uses it', () => {
  const pact = new PactV3({ consumer: CONSUMER, provider: 'recurring', dir: PACT_DIR, logLevel: 'warn' });
  pactFileLifecycle('recurring');

  test('the next five dates of a rule', async () => {
    pact
      .given('ada is signed in')
      .uponReceiving('a preview of every 2 weeks on Monday and Thursday, 5 times')
      .withRequest({
        method: 'GET',
        path: '/api/recurring/preview',
        headers: auth,
        query: {
          rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=5',
          start: '2025-11-23T09:00',
          timeZone: 'Europe/London',
          exdates: '2025-12-03',
          count: '5',
        },
      })
      .willRespondWith({
        status: 200,
        body: {
          occurrences: eachLike(
            {
              local: regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, '2025-11-23T09:00:00'),
              at: like('2025-11-23T09:00:00.000Z'),
            },
            1,
          ),
        },
      });
    await executeTest(pact, async (mock) => {
      const r = await recurringApi(http(mock.url)).preview({
        rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=5',
        start: '2025-11-23T09:00',
        timeZone: 'Europe/London',
        exdates: ['2025-12-03'],
      });
      expect(r.occurrences[0]!.local).toBe('2025-11-23T09:00:00');
    });
  });

  test('when the next one is due if completed at an instant (after completion)', async () => {
    // Fixed past dates: a pact must not change with the day it is written.
    pact
      .given('ada is signed in')
      .uponReceiving('a preview of a quarterly rule completed on 29 November')
      .withRequest({
        method: 'GET',
        path: '/api/recurring/preview',
        headers: auth,
        query: {
          rrule: 'FREQ=MONTHLY;INTERVAL=3',
          start: '2024-08-29T09:00',
          timeZone: 'Europe/London',
          count: '1',
          completedAt: '2024-11-29T12:00:00.000Z',
        },
      })
      .willRespondWith({
        status: 200,
        body: {
          occurrences: eachLike({ local: like('2024-08-29T09:00:00'), at: like('2024-08-29T08:00:00.000Z') }, 1),
          // Clamped to the last day of February, not skipped to May.
          ifCompleted: { local: '2025-02-28T09:00:00', at: '2025-02-28T09:00:00.000Z' },
        },
      });
    await executeTest(pact, async (mock) => {
      const next = await recurringApi(http(mock.url)).ifCompleted({
        rrule: 'FREQ=MONTHLY;INTERVAL=3',
        start: '2024-08-29T09:00',
        timeZone: 'Europe/London',
        completedAt: '2024-11-29T12:00:00.000Z',
      });
      expect(next?.local).toBe('2025-02-28T09:00:00');
    });
  });

  test('a rule the service rejects: 400 naming the field', async () => {
    pact
      .given('ada is signed in')
      .uponReceiving('a preview of an invalid rule')
      .withRequest({
        method: 'GET',
        path: '/api/recurring/preview',
        headers: auth,
        query: { rrule: 'FREQ=SOMETIMES', start: '2025-11-23T09:00', timeZone: 'Europe/London', count: '5' },
      })
      .willRespondWith({
        status: 400,
        body: {
          error: {
            code: like('validation_failed'),
            message: like('rrule: FREQ must be one of DAILY, WEEKLY, MONTHLY, YEARLY'),
            details: { problems: eachLike({ field: like('query.rrule'), message: like('unknown FREQ') }) },
          },
        },
      });
    await executeTest(pact, async (mock) => {
      const err = await recurringApi(http(mock.url))
        .preview({ rrule: 'FREQ=SOMETIMES', start: '2025-11-23T09:00', timeZone: 'Europe/London' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(400);
      expect((err as ApiError).problems[0]!.field).toBe('query.rrule');
    });
  });
});

describe('reminders, as the web app uses it', () => {
  const pact = new PactV3({ consumer: CONSUMER, provider: 'reminders', dir: PACT_DIR, logLevel: 'warn' });
  pactFileLifecycle('reminders');

  test("a task's reminders with their status", async () => {
    pact
      .given('ada has a task with a fired reminder')
      .uponReceiving("a request for a task's reminders")
      .withRequest({ method: 'GET', path: '/api/reminders', headers: auth, query: { taskId: taskId() } })
      .willRespondWith({
        status: 200,
        body: {
          items: eachLike({
            taskId: uuid(TASK_ID),
            reminderId: uuid(REMINDER_ID),
            taskTitle: like('Water the plants'),
            dueAt: like(INSTANT),
            fireAt: like(INSTANT),
            status: regex(/^(scheduled|fired)$/, 'fired'),
          }),
        },
      });
    await executeTest(pact, async (mock) => {
      const items = await remindersApi(http(mock.url)).forTask(TASK_ID);
      expect(items[0]!.status).toBe('fired');
    });
  });

  test('snooze by minutes', async () => {
    pact
      .given('ada has a task with a fired reminder')
      .uponReceiving('a snooze of 5 minutes')
      .withRequest({
        method: 'POST',
        path: '/api/reminders/snooze',
        headers: { ...auth, 'content-type': 'application/json' },
        body: { taskId: taskId(), reminderId: reminderId(), minutes: 5 },
      })
      .willRespondWith({ status: 200 });
    await executeTest(pact, async (mock) => {
      await remindersApi(http(mock.url)).snooze(TASK_ID, REMINDER_ID, { minutes: 5 });
    });
  });

  test('snooze until a time', async () => {
    pact
      .given('ada has a task with a fired reminder')
      .uponReceiving('a snooze until tomorrow morning')
      .withRequest({
        method: 'POST',
        path: '/api/reminders/snooze',
        headers: { ...auth, 'content-type': 'application/json' },
        // The provider names a future instant: a fixed one would be in the past some day.
        body: {
          taskId: taskId(),
          reminderId: reminderId(),
          until: fromProviderState('${until}', '2025-11-23T09:00:00.000Z'),
        },
      })
      .willRespondWith({ status: 200 });
    await executeTest(pact, async (mock) => {
      await remindersApi(http(mock.url)).snooze(TASK_ID, REMINDER_ID, { until: '2025-11-23T09:00:00.000Z' });
    });
  });

  test('snooze of a reminder that is not the caller’s: 404', async () => {
    pact
      .given('ada is signed in')
      .uponReceiving('a snooze of an unknown reminder')
      .withRequest({
        method: 'POST',
        path: '/api/reminders/snooze',
        headers: { ...auth, 'content-type': 'application/json' },
        body: { taskId: TASK_ID, reminderId: REMINDER_ID, minutes: 5 },
      })
      .willRespondWith({ status: 404, body: errorLike() });
    await executeTest(pact, async (mock) => {
      const err = await remindersApi(http(mock.url))
        .snooze(TASK_ID, REMINDER_ID, { minutes: 5 })
        .catch((e: unknown) => e);
      expect((err as ApiError).status).toBe(404);
    });
  });
});
