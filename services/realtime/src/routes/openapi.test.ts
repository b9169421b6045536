import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createHttpApp, createLogger, createMetrics, errorHandler } from '@daybook/service-kit';
import { routes } from '.';
import { realtimeOpenApi } from './openapi';

const committed = () =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', 'realtime.json'), 'utf8'));

test('docs/openapi/realtime.json is up to date (npm run openapi -w @daybook/realtime)', () => {
  expect(committed()).toEqual(JSON.parse(JSON.stringify(realtimeOpenApi())));
});

test('the service serves the committed document, to anyone', async () => {
  const log = createLogger('realtime', 'silent');
  const http = createHttpApp({ log, metrics: createMetrics('realtime') });
  const never = async () => {
    throw new Error('no use case runs');
  };
  const refuse: Parameters<typeof routes>[0]['requireUser'] = (_req, res) => void res.status(401).end();
  http.use(routes({ requireUser: refuse, readChanges: never, resynced: () => {} }));
  http.use(errorHandler(log));
  const server = createServer(http).listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/realtime/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(committed());
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('every status the endpoint can answer is documented, and no other', () => {
  const { paths } = committed() as { paths: Record<string, Record<string, { responses: object }>> };
  const statuses = Object.keys(paths['/api/realtime/changes']!.get!.responses);
  // 503 (database busy) is the kit's, documented on every operation.
  expect(statuses.filter((status) => status !== '503').sort()).toEqual(['200', '400', '401', '410']);
});
