import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createHttpApp, createLogger, createMetrics, errorHandler } from '@daybook/service-kit';
import { DEFAULT_PREFERENCES } from '../domain/preferences';
import { routes } from '.';
import { preferencesInput } from './inputs';
import { notificationsOpenApi } from './openapi';

const committed = () =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', 'notifications.json'), 'utf8'));

test('docs/openapi/notifications.json is up to date (npm run openapi -w @daybook/notifications)', () => {
  expect(committed()).toEqual(JSON.parse(JSON.stringify(notificationsOpenApi())));
});

test('the service serves the committed document, to anyone', async () => {
  const log = createLogger('notifications', 'silent');
  const http = createHttpApp({ log, metrics: createMetrics('notifications') });
  const never = async () => {
    throw new Error('no use case runs');
  };
  const refuse: Parameters<typeof routes>[0]['requireUser'] = (_req, res) => void res.status(401).end();
  http.use(
    routes({
      requireUser: refuse,
      listInbox: never,
      countNotifications: never,
      changeNotification: never,
      markAll: never,
      getPreferences: never,
      updatePreferences: never,
      unsubscribe: never,
    }),
  );
  http.use(errorHandler(log));
  const server = createServer(http).listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/notifications`;
    const res = await fetch(`${base}/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(committed());
    expect((await fetch(`${base}/inbox`)).status).toBe(401);
    // The unsubscribe page needs no sign-in; without a token it is a 400 naming it.
    const noToken = await fetch(`${base}/unsubscribe`);
    expect(noToken.status).toBe(400);
    expect(JSON.stringify(await noToken.json())).toContain('query.token');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('preferences: login codes cannot be switched off, times are HH:MM, unknown fields are refused', () => {
  const fields = (v: unknown) => {
    const r = preferencesInput.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  expect(fields(DEFAULT_PREFERENCES)).toEqual([]);
  expect(fields({ ...DEFAULT_PREFERENCES, timeZone: 'Europe/Paris' })).toEqual([]);
  expect(
    fields({ ...DEFAULT_PREFERENCES, channels: { ...DEFAULT_PREFERENCES.channels, loginCodes: { email: false } } }),
  ).toEqual(['channels.loginCodes.email']);
  expect(fields({ ...DEFAULT_PREFERENCES, quietHours: { enabled: true, start: '7:00', end: '24:00' } })).toEqual([
    'quietHours.start',
    'quietHours.end',
  ]);
  expect(fields({ ...DEFAULT_PREFERENCES, digest: { enabled: 'yes', time: '08:00' } })).toEqual(['digest.enabled']);
  expect(fields({ ...DEFAULT_PREFERENCES, extra: 1 })).toEqual(['']);
});

test('every status each endpoint can answer is documented', () => {
  const { paths } = committed() as { paths: Record<string, Record<string, { responses: object }>> };
  const statuses = Object.fromEntries(
    Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => [
        `${method} ${path}`,
        Object.keys(op.responses)
          .filter((status) => status !== '503') // the kit's "busy", on every operation
          .sort(),
      ]),
    ),
  );
  expect(statuses['put /api/notifications/preferences']).toEqual(['200', '400', '401', '413', '415']);
  expect(statuses['post /api/notifications/{id}/snooze']).toEqual(['200', '400', '401', '404', '413', '415']);
  expect(statuses['post /api/notifications/{id}/read']).toEqual(['200', '400', '401', '404']);
  expect(statuses['post /api/notifications/unsubscribe']).toEqual(['200', '400', '404']);
});
