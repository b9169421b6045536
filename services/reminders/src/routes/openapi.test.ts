import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createHttpApp, createLogger, createMetrics, errorHandler } from '@daybook/service-kit';
import { routes } from '.';
import { remindersOpenApi } from './openapi';
import { snoozeBody, snoozeInput } from './reminder-input';

const committed = () =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', 'reminders.json'), 'utf8'));

test('docs/openapi/reminders.json is up to date (npm run openapi -w @daybook/reminders)', () => {
  expect(committed()).toEqual(JSON.parse(JSON.stringify(remindersOpenApi())));
});

test('the service serves the committed document, to anyone', async () => {
  const log = createLogger('reminders', 'silent');
  const http = createHttpApp({ log, metrics: createMetrics('reminders') });
  const never = async () => {
    throw new Error('no use case runs');
  };
  const refuse: Parameters<typeof routes>[0]['requireUser'] = (_req, res) => void res.status(401).end();
  http.use(routes({ requireUser: refuse, listReminders: never, snoozeReminder: never }));
  http.use(errorHandler(log));
  const server = createServer(http).listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/reminders/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(committed());
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('the documented snooze body accepts exactly what the route accepts', () => {
  const ids = { taskId: randomUUID(), reminderId: randomUUID() };
  const at = new Date(Date.now() + 3_600_000).toISOString();
  const bodies = [
    { ...ids, minutes: 10 },
    { ...ids, until: at },
    { ...ids, minutes: 10, until: at },
    { ...ids },
    { ...ids, minutes: 0 },
    { ...ids, minutes: 43_201 },
    { ...ids, until: 'tomorrow' },
    { ...ids, minutes: 5, extra: true },
    { taskId: 'x', reminderId: ids.reminderId, minutes: 5 },
  ];
  for (const body of bodies) {
    expect({ body, documented: snoozeBody.safeParse(body).success }).toEqual({
      body,
      documented: snoozeInput.safeParse(body).success,
    });
  }
});

test('every status each endpoint can answer is documented, and no other', () => {
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
  expect(statuses).toEqual({
    'get /api/reminders': ['200', '400', '401'],
    'post /api/reminders/snooze': ['200', '400', '401', '404', '409', '413', '415'],
  });
});
