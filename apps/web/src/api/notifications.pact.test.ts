// Consumer contract: the notifications service as the bell, the inbox and the preferences page
// use it, through the real client module (notifications.ts over http.ts). Verified against the
// real service in tests/contracts/web-notifications.int.test.ts.
// The v3 entry point only: the package root also loads the provider verifier (ESM-only deps).
import { MatchersV3, PactV3 } from '@pact-foundation/pact/src/v3';
import { ApiError, createHttp } from './http';
import { notificationsApi } from './notifications';
import { CONSUMER, executeTest, INSTANT, PACT_DIR, pactFileLifecycle, TASK_ID } from './pact-fixtures';

const { eachLike, like, regex, uuid, integer, boolean, fromProviderState } = MatchersV3;

const TOKEN = 'test-access-token';
const NOTIFICATION_ID = '1d2c3b4a-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const auth = { authorization: regex(/^Bearer .+/, `Bearer ${TOKEN}`) };
const api = (url: string) => notificationsApi(createHttp({ baseUrl: url, accessToken: () => TOKEN }));
const notificationId = () => fromProviderState('${notificationId}', NOTIFICATION_ID);
// A past instant in the example: the provider state gives a future one for the request.
const SNOOZE_UNTIL = '2026-11-22T10:00:00.000Z';

const countsLike = () => like({ unread: integer(1), unseen: integer(0) });
const notificationLike = (overrides: Record<string, unknown> = {}) =>
  like({
    id: uuid(NOTIFICATION_ID),
    category: regex(/^(reminders|digests|system)$/, 'reminders'),
    title: like('Water the plants'),
    body: like('Due at 09:00'),
    urgent: boolean(false),
    link: like({ taskId: uuid(TASK_ID) }),
    state: regex(/^(unseen|seen|read)$/, 'unseen'),
    archived: boolean(false),
    snoozedUntil: null,
    createdAt: like(INSTANT),
    // `reason` and `lastError` are a string or null, which a Pact matcher cannot say: the
    // client reads them when present (labels.ts) and the contract leaves them out.
    deliveries: eachLike(
      {
        channel: regex(/^(in-app|email)$/, 'email'),
        status: regex(/^(queued|held|sent|failed|bounced|suppressed)$/, 'sent'),
        attempts: integer(1),
        updatedAt: like(INSTANT),
      },
      1,
    ),
    ...overrides,
  });
const preferences = {
  timeZone: 'Europe/London',
  channels: {
    reminders: { inApp: true, email: true },
    loginCodes: { email: true as const },
    digests: { inApp: true, email: false },
    system: { inApp: true, email: true },
  },
  quietHours: { enabled: true, start: '22:00', end: '07:00' },
  digest: { enabled: true, time: '07:30' },
};
const preferencesLike = () =>
  like({
    ...preferences,
    channels: {
      reminders: { inApp: boolean(true), email: boolean(true) },
      loginCodes: { email: true },
      digests: { inApp: boolean(true), email: boolean(false) },
      system: { inApp: boolean(true), email: boolean(true) },
    },
    quietHours: {
      enabled: boolean(true),
      start: regex(/^\d{2}:\d{2}$/, '22:00'),
      end: regex(/^\d{2}:\d{2}$/, '07:00'),
    },
    digest: { enabled: boolean(true), time: regex(/^\d{2}:\d{2}$/, '07:30') },
  });

describe('notifications, as the web app uses it', () => {
  const pact = new PactV3({ consumer: CONSUMER, provider: 'notifications', dir: PACT_DIR, logLevel: 'warn' });
  pactFileLifecycle('notifications');

  test('the first page of the inbox, with the counts', async () => {
    pact
      .given('ada has a notification')
      .uponReceiving('the first page of the inbox')
      .withRequest({
        method: 'GET',
        path: '/api/notifications/inbox',
        headers: auth,
        query: { view: 'inbox', limit: '20' },
      })
      .willRespondWith({
        status: 200,
        body: { items: eachLike(notificationLike(), 1), nextCursor: null, counts: countsLike() },
      });
    await executeTest(pact, async (mock) => {
      const page = await api(mock.url).inbox({ view: 'inbox', limit: 20 });
      expect(page.items[0]!.deliveries![0]!.channel).toBe('email');
      expect(page.nextCursor).toBeNull();
    });
  });

  test('the badge counts', async () => {
    pact
      .given('ada has a notification')
      .uponReceiving('the badge counts')
      .withRequest({ method: 'GET', path: '/api/notifications/counts', headers: auth })
      .willRespondWith({ status: 200, body: countsLike() });
    await executeTest(pact, async (mock) => {
      expect(await api(mock.url).counts()).toEqual({ unread: 1, unseen: 0 });
    });
  });

  test('the bell was opened: every unseen becomes seen', async () => {
    pact
      .given('ada has a notification')
      .uponReceiving('the bell was opened')
      .withRequest({ method: 'POST', path: '/api/notifications/inbox/seen', headers: auth })
      .willRespondWith({ status: 200, body: { counts: like({ unread: integer(1), unseen: 0 }) } });
    await executeTest(pact, async (mock) => {
      expect((await api(mock.url).markSeen()).counts.unseen).toBe(0);
    });
  });

  test('mark all read', async () => {
    pact
      .given('ada has a notification')
      .uponReceiving('mark all read')
      .withRequest({ method: 'POST', path: '/api/notifications/inbox/read-all', headers: auth })
      .willRespondWith({ status: 200, body: { counts: like({ unread: 0, unseen: 0 }) } });
    await executeTest(pact, async (mock) => {
      expect((await api(mock.url).markAllRead()).counts).toEqual({ unread: 0, unseen: 0 });
    });
  });

  test('a notification marked read', async () => {
    pact
      .given('ada has a notification')
      .uponReceiving('a notification marked read')
      .withRequest({
        method: 'POST',
        path: fromProviderState(
          '/api/notifications/${notificationId}/read',
          `/api/notifications/${NOTIFICATION_ID}/read`,
        ),
        headers: auth,
      })
      .willRespondWith({
        status: 200,
        body: { notification: notificationLike({ id: notificationId(), state: 'read' }), counts: countsLike() },
      });
    await executeTest(pact, async (mock) => {
      expect((await api(mock.url).read(NOTIFICATION_ID)).notification.state).toBe('read');
    });
  });

  test('a notification archived', async () => {
    pact
      .given('ada has a notification')
      .uponReceiving('a notification archived')
      .withRequest({
        method: 'POST',
        path: fromProviderState(
          '/api/notifications/${notificationId}/archive',
          `/api/notifications/${NOTIFICATION_ID}/archive`,
        ),
        headers: auth,
      })
      .willRespondWith({
        status: 200,
        body: { notification: notificationLike({ id: notificationId(), archived: true }), counts: countsLike() },
      });
    await executeTest(pact, async (mock) => {
      expect((await api(mock.url).archive(NOTIFICATION_ID)).notification.archived).toBe(true);
    });
  });

  test('a notification snoozed until a later time', async () => {
    pact
      .given('ada has a notification')
      .uponReceiving('a notification snoozed')
      .withRequest({
        method: 'POST',
        path: fromProviderState(
          '/api/notifications/${notificationId}/snooze',
          `/api/notifications/${NOTIFICATION_ID}/snooze`,
        ),
        headers: auth,
        body: { until: fromProviderState('${until}', SNOOZE_UNTIL) },
      })
      .willRespondWith({
        status: 200,
        body: {
          notification: notificationLike({ id: notificationId(), snoozedUntil: like(SNOOZE_UNTIL) }),
          counts: countsLike(),
        },
      });
    await executeTest(pact, async (mock) => {
      const r = await api(mock.url).snooze(NOTIFICATION_ID, SNOOZE_UNTIL);
      expect(r.notification.snoozedUntil).toBe(SNOOZE_UNTIL);
    });
  });

  test('the preferences, read and saved whole', async () => {
    pact
      .given('ada is signed in')
      .uponReceiving('the preferences')
      .withRequest({ method: 'GET', path: '/api/notifications/preferences', headers: auth })
      .willRespondWith({ status: 200, body: preferencesLike() });
    pact
      .given('ada is signed in')
      .uponReceiving('the preferences saved')
      .withRequest({ method: 'PUT', path: '/api/notifications/preferences', headers: auth, body: preferences })
      .willRespondWith({ status: 200, body: preferencesLike() });
    await executeTest(pact, async (mock) => {
      const p = await api(mock.url).preferences();
      expect(p.channels.loginCodes.email).toBe(true);
      expect((await api(mock.url).savePreferences(preferences)).quietHours.start).toBe('22:00');
    });
  });

  test('invalid quiet hours: 400 naming the field', async () => {
    const bad = { ...preferences, quietHours: { enabled: true, start: '25:00', end: '07:00' } };
    pact
      .given('ada is signed in')
      .uponReceiving('preferences with a start of quiet hours that is no time')
      .withRequest({ method: 'PUT', path: '/api/notifications/preferences', headers: auth, body: bad })
      .willRespondWith({
        status: 400,
        body: {
          error: {
            code: like('validation_failed'),
            message: like('quietHours.start: expected HH:MM'),
            details: { problems: eachLike({ field: 'body.quietHours.start', message: like('expected HH:MM') }) },
          },
        },
      });
    await executeTest(pact, async (mock) => {
      const err = await api(mock.url)
        .savePreferences(bad)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(400);
      expect((err as ApiError).problems[0]!.field).toBe('body.quietHours.start');
    });
  });
});
