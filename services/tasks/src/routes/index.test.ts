import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp, createLogger, createMetrics, errorHandler, InvalidInput } from '@daybook/service-kit';
import { InvalidFields } from '../usecases/shared/invalid-fields';
import { everyProblem } from './index';

// What a client sees when a use case finds input wrong: the kit's 400, naming every field.
async function answer(error: Error) {
  const log = createLogger('tasks', 'silent');
  const app = createHttpApp({ log, metrics: createMetrics('tasks') });
  app.post('/api/tasks', () => {
    throw error;
  });
  app.use(everyProblem);
  app.use(errorHandler(log));
  const server = createServer(app).listen(0);
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/tasks`, { method: 'POST' });
    return { status: res.status, body: await res.json() };
  } finally {
    server.close();
  }
}

test('several problems are a 400 naming each, as request validation answers', async () => {
  const problems = [
    { field: 'body.tagIds.1', message: 'no such tag' },
    { field: 'body.listId', message: 'no such list' },
  ];
  expect(await answer(new InvalidFields([problems[0]!, problems[1]!]))).toEqual({
    status: 400,
    body: {
      error: {
        code: 'validation_failed',
        message: 'invalid request: body.tagIds.1: no such tag; body.listId: no such list',
        details: { problems },
      },
    },
  });
});

test('one problem reads the same whether the use case named one field or several', async () => {
  const one = { field: 'body.recurrence', message: 'a recurring task needs a due date' };
  const expected = {
    status: 400,
    body: {
      error: {
        code: 'validation_failed',
        message: 'invalid request: body.recurrence: a recurring task needs a due date',
        details: { problems: [one] },
      },
    },
  };
  expect(await answer(new InvalidFields([one]))).toEqual(expected);
  expect(await answer(new InvalidInput(one.field, one.message))).toEqual(expected);
});
