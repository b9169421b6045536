import { randomUUID } from 'node:crypto';
import { NotFound } from '@daybook/service-kit';
import type { HistoryEntry, HistoryFilter, HistoryPage } from '../domain/audit-entry';
import type { EntityHistoryQuery } from '../usecases/list-entity-history';
import type { UserActivityQuery } from '../usecases/list-user-activity';
import { startRoutes } from './app-under-test';
import { auditEntryView, historyPageView } from './openapi';

const ada = randomUUID();
const taskId = randomUUID();

/** An entry as the store reads it: the table's columns in the order Prisma returns them. */
const row = (id: bigint, before: unknown): HistoryEntry => ({
  id,
  eventId: randomUUID(),
  eventType: 'daybook.task.updated.v1',
  entityType: 'task',
  entityId: taskId,
  userId: ada,
  actor: `user:${ada}`,
  before,
  after: { title: 'Water the ferns', notes: '[sensitive]' },
  changes:
    before === null ? null : [{ path: 'title', kind: 'changed', from: 'Water the plants', to: 'Water the ferns' }],
  occurredAt: new Date(),
  correlationId: 'corr-1',
  causationId: before === null ? null : 'req-1',
  recordedAt: new Date(),
});

const page: HistoryPage = { entries: [row(12n, { title: 'Water the plants' }), row(9n, null)], nextCursor: 9n };
const entityCalls: EntityHistoryQuery[] = [];
const activityCalls: UserActivityQuery[] = [];
const exportCalls: HistoryFilter[] = [];
let app: Awaited<ReturnType<typeof startRoutes>>;

beforeAll(async () => {
  app = await startRoutes({
    listEntityHistory: async (query) => {
      entityCalls.push(query);
      if (query.entityId !== taskId) throw new NotFound(`history of ${query.entityType} ${query.entityId}`);
      return page;
    },
    listUserActivity: async (query) => {
      activityCalls.push(query);
      return page;
    },
    exportHistory: async (filter) => {
      exportCalls.push(filter);
      if (filter.entityId !== undefined && filter.entityId !== taskId) {
        throw new NotFound(`history of ${filter.entityType} ${filter.entityId}`);
      }
      return (async function* () {
        yield* page.entries;
      })();
    },
  });
});

afterAll(() => app?.close());

beforeEach(() => {
  entityCalls.length = 0;
  activityCalls.length = 0;
  exportCalls.length = 0;
});

test('a page is answered byte for byte as the store reads it: each row, its id last and as a string', async () => {
  // What the route answered when it read Prisma's rows itself.
  const before = JSON.stringify({
    items: page.entries.map(({ id, ...rest }) => ({ ...rest, id: id.toString() })),
    nextCursor: '9',
  });
  for (const path of [`/api/audit/entities/task/${taskId}`, '/api/audit/me']) {
    const res = await app.get(path, ada);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.text()).toBe(before);
  }
});

test('the answer is the documented HistoryPage, field for field and in order', async () => {
  const body = (await (await app.get('/api/audit/me', ada)).json()) as { items: object[] };
  expect(historyPageView.parse(body)).toEqual(body);
  for (const item of body.items) expect(Object.keys(item)).toEqual(Object.keys(auditEntryView.shape));
});

test('the use cases get the caller, the entity and the page asked for (50 by default)', async () => {
  await app.get(`/api/audit/entities/task/${taskId}?limit=2&cursor=12`, ada);
  await app.get('/api/audit/me', ada);
  expect(entityCalls).toEqual([{ userId: ada, entityType: 'task', entityId: taskId, limit: 2, cursor: 12n }]);
  expect(activityCalls).toEqual([{ userId: ada, limit: 50, cursor: undefined }]);
});

test('filters by event type and time range reach the use cases as types and instants', async () => {
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date().toISOString();
  const types = 'daybook.task.updated.v1, daybook.task.completed.v1';
  await app.get(`/api/audit/entities/task/${taskId}?type=${encodeURIComponent(types)}&from=${from}&to=${to}`, ada);
  await app.get(`/api/audit/me?entityType=task&type=daybook.task.created.v1&from=${from}`, ada);
  expect(entityCalls).toEqual([
    {
      userId: ada,
      entityType: 'task',
      entityId: taskId,
      eventTypes: ['daybook.task.updated.v1', 'daybook.task.completed.v1'],
      from: new Date(from),
      to: new Date(to),
      limit: 50,
    },
  ]);
  expect(activityCalls).toEqual([
    { userId: ada, entityType: 'task', eventTypes: ['daybook.task.created.v1'], from: new Date(from), limit: 50 },
  ]);
});

test('the export is JSON Lines of the documented entries, a download, filtered as asked', async () => {
  const res = await app.get(`/api/audit/export?entityType=task&entityId=${taskId}&type=daybook.task.updated.v1`, ada);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="daybook-history.jsonl"');
  const text = await res.text();
  expect(text.endsWith('\n')).toBe(true);
  const lines = text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string });
  expect(lines.map((l) => l.id)).toEqual(['12', '9']);
  for (const line of lines) expect(auditEntryView.parse(line)).toEqual(line);
  expect(exportCalls).toEqual([
    { userId: ada, entityType: 'task', entityId: taskId, eventTypes: ['daybook.task.updated.v1'] },
  ]);
});

test('exporting another user’s entity is a 404 before any line; bad export input a 400 naming the field', async () => {
  const res = await app.get(`/api/audit/export?entityType=task&entityId=${randomUUID()}`, ada);
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ error: expect.objectContaining({ code: 'not_found' }) });
  const bad = await app.get(`/api/audit/export?entityId=${taskId}&limit=3`, ada);
  expect(bad.status).toBe(400);
  const body = (await bad.json()) as { error: { details: { problems: { field: string }[] } } };
  expect(body.error.details.problems.map((p) => p.field).sort()).toEqual(['query.entityType', 'query.limit']);
  expect((await app.get('/api/audit/export')).status).toBe(401);
});

test('an entity the caller has no history of is a 404', async () => {
  const other = randomUUID();
  const res = await app.get(`/api/audit/entities/task/${other}`, ada);
  expect(res.status).toBe(404);
  expect(await res.text()).toBe(
    JSON.stringify({ error: { code: 'not_found', message: `history of task ${other} not found` } }),
  );
});

test('bad input is a 400 naming each field, before any use case runs', async () => {
  const fieldsOf = async (path: string) => {
    const res = await app.get(path, ada);
    const body = (await res.json()) as { error: { code: string; details: { problems: { field: string }[] } } };
    return { status: res.status, code: body.error.code, fields: body.error.details.problems.map((p) => p.field) };
  };
  const problem = (...fields: string[]) => ({ status: 400, code: 'validation_failed', fields });
  for (const base of ['/api/audit/me', `/api/audit/entities/task/${taskId}`]) {
    for (const cursor of ['9223372036854775808', '99999999999999999999', '-1', '12abc', '']) {
      expect(await fieldsOf(`${base}?cursor=${cursor}`)).toEqual(problem('query.cursor'));
    }
    expect(await fieldsOf(`${base}?limit=500`)).toEqual(problem('query.limit'));
    expect(await fieldsOf(`${base}?limit=0&page=2`)).toEqual(problem('query.limit', 'query.page'));
    expect(await fieldsOf(`${base}?type=daybook.task.exploded.v1`)).toEqual(problem('query.type.0'));
    expect(await fieldsOf(`${base}?type=,`)).toEqual(problem('query.type'));
    expect(await fieldsOf(`${base}?from=yesterday`)).toEqual(problem('query.from'));
    const now = new Date().toISOString();
    expect(await fieldsOf(`${base}?from=${now}&to=${now}`)).toEqual(problem('query.to'));
  }
  expect(await fieldsOf('/api/audit/me?entityType=Task!')).toEqual(problem('query.entityType'));
  expect(await fieldsOf(`/api/audit/export?to=2020-13-45T00:00:00Z`)).toEqual(problem('query.to'));
  expect(await fieldsOf(`/api/audit/entities/Task!/${taskId}`)).toEqual(problem('params.entityType'));
  expect(await fieldsOf(`/api/audit/entities/task/${'x'.repeat(201)}`)).toEqual(problem('params.entityId'));
  expect(entityCalls).toEqual([]);
  expect(activityCalls).toEqual([]);
  expect(exportCalls).toEqual([]);
});

test('the history is only for a signed-in caller: 401 otherwise', async () => {
  for (const path of ['/api/audit/me', `/api/audit/entities/task/${taskId}`]) {
    const none = await app.get(path);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: expect.objectContaining({ code: 'unauthorized' }) });
    expect((await app.get(path, 'not-a-token')).status).toBe(401);
  }
  expect(activityCalls).toEqual([]);
});
