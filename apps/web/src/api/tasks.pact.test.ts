// Consumer contract: every call the web app makes to tasks, through the real client module
// (tasks.ts over http.ts). Verified against the real service in
// tests/contracts/web-tasks.int.test.ts, which sets each provider state up through the API.
// The v3 entry point only: the package root also loads the provider verifier (ESM-only deps).
import { MatchersV3, PactV3 } from '@pact-foundation/pact/src/v3';
import { conflictCurrent, createHttp } from './http';
import { tasksApi } from './tasks';
import type { Task } from './types';
import {
  CONSUMER,
  executeTest,
  pactFileLifecycle,
  INSTANT_END,
  LIST_ID,
  PACT_DIR,
  TAG_ID,
  TASK_ID,
  errorLike,
  listLike,
  tagLike,
  taskLike,
} from './pact-fixtures';

const { fromProviderState, eachLike, like, integer, uuid, regex } = MatchersV3;

const pact = new PactV3({ consumer: CONSUMER, provider: 'tasks', dir: PACT_DIR, logLevel: 'warn' });
const TOKEN = 'test-access-token';
const client = (url: string) => tasksApi(createHttp({ baseUrl: url, accessToken: () => TOKEN }));

const auth = { authorization: regex(/^Bearer .+/, `Bearer ${TOKEN}`) };
const authJson = { ...auth, 'content-type': 'application/json' };
const taskPath = (suffix = '') => fromProviderState(`/api/tasks/\${taskId}${suffix}`, `/api/tasks/${TASK_ID}${suffix}`);
const ifMatch = (example: number) => fromProviderState('"${version}"', `"${example}"`);
const taskId = () => fromProviderState('${taskId}', TASK_ID);
const SUBTASK_ID = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const tagId = () => fromProviderState('${tagId}', TAG_ID);

pactFileLifecycle('tasks');

describe('tasks, as the web app uses it', () => {
  test('the filtered list, a page at a time', async () => {
    pact
      .given('ada has a high-priority task tagged "home"')
      .uponReceiving('a filtered, sorted list request')
      .withRequest({
        method: 'GET',
        path: '/api/tasks',
        headers: auth,
        query: {
          status: 'open',
          priority: 'high,urgent',
          tagIds: fromProviderState('${tagId}', TAG_ID),
          hasReminder: 'false',
          recurring: 'false',
          sort: 'due',
          order: 'asc',
          limit: '30',
        },
      })
      .willRespondWith({
        status: 200,
        body: { items: eachLike(taskLike({ priority: 'high', tags: eachLike(tagLike()) })), nextCursor: null },
      });
    await executeTest(pact, async (mock) => {
      const page = await client(mock.url).list({
        status: 'open',
        priority: ['high', 'urgent'],
        tagIds: [TAG_ID],
        hasReminder: 'false',
        recurring: 'false',
        sort: 'due',
        order: 'asc',
        limit: 30,
      });
      expect(page.items[0]!.tags[0]!.name).toBe('home');
      expect(page.nextCursor).toBeNull();
    });
  });

  test('the next page, by cursor', async () => {
    pact
      .given('ada has 3 tasks')
      .uponReceiving('a list request for the first page of 2')
      .withRequest({
        method: 'GET',
        path: '/api/tasks',
        headers: auth,
        query: { sort: 'title', order: 'asc', limit: '2' },
      })
      .willRespondWith({
        status: 200,
        body: { items: eachLike(taskLike(), 2), nextCursor: like('opaque-cursor') },
      });
    await executeTest(pact, async (mock) => {
      const page = await client(mock.url).list({ sort: 'title', order: 'asc', limit: 2 });
      expect(page.nextCursor).toBe('opaque-cursor');
    });
  });

  test('full-text search', async () => {
    pact
      .given('ada has a task about begonias')
      .uponReceiving('a search')
      .withRequest({
        method: 'GET',
        path: '/api/tasks',
        headers: auth,
        query: { q: 'begonias', sort: 'relevance', limit: '30' },
      })
      .willRespondWith({ status: 200, body: { items: eachLike(taskLike()), nextCursor: null } });
    await executeTest(pact, async (mock) => {
      const page = await client(mock.url).list({ q: 'begonias', sort: 'relevance', limit: 30 });
      expect(page.items).toHaveLength(1);
    });
  });

  test('overdue tasks', async () => {
    pact
      .given('ada has an overdue task')
      .uponReceiving('a list request for overdue tasks')
      .withRequest({ method: 'GET', path: '/api/tasks', headers: auth, query: { overdue: 'true', limit: '30' } })
      .willRespondWith({
        status: 200,
        body: {
          items: eachLike(taskLike({ due: like({ date: '2026-11-20' }), dueAt: like('2026-11-20T23:59:59.999Z') })),
          nextCursor: null,
        },
      });
    await executeTest(pact, async (mock) => {
      const page = await client(mock.url).list({ overdue: 'true', limit: 30 });
      expect(page.items[0]!.dueAt).toBeTruthy();
    });
  });

  test('the Today view', async () => {
    pact
      .given('ada has a task due today')
      .uponReceiving('a request for the Today view')
      .withRequest({
        method: 'GET',
        path: '/api/tasks/views/today',
        headers: auth,
        query: { timeZone: 'Europe/London' },
      })
      .willRespondWith({
        status: 200,
        body: { items: eachLike(taskLike({ due: like({ date: '2026-11-22' }), dueAt: like(INSTANT_END) })) },
      });
    await executeTest(pact, async (mock) => {
      const items = await client(mock.url).today('Europe/London');
      expect(items).toHaveLength(1);
    });
  });

  test('the Upcoming view', async () => {
    pact
      .given('ada has a task due in three days')
      .uponReceiving('a request for the Upcoming view')
      .withRequest({
        method: 'GET',
        path: '/api/tasks/views/upcoming',
        headers: auth,
        query: { timeZone: 'Europe/London', days: '7' },
      })
      .willRespondWith({
        status: 200,
        body: { items: eachLike(taskLike({ due: like({ date: '2026-11-25' }), dueAt: like(INSTANT_END) })) },
      });
    await executeTest(pact, async (mock) => {
      const items = await client(mock.url).upcoming('Europe/London', 7);
      expect(items).toHaveLength(1);
    });
  });

  test('the sidebar counts', async () => {
    pact
      .given('ada has a task due today')
      .uponReceiving('a request for the sidebar counts')
      .withRequest({
        method: 'GET',
        path: '/api/tasks/counts',
        headers: auth,
        query: { timeZone: 'Europe/London', days: '7' },
      })
      .willRespondWith({
        status: 200,
        body: {
          inbox: integer(1),
          today: integer(1),
          upcoming: integer(0),
          lists: like([]),
          tags: like([]),
          timeZone: 'Europe/London',
        },
      });
    await executeTest(pact, async (mock) => {
      const counts = await client(mock.url).counts('Europe/London');
      expect(counts).toMatchObject({ inbox: 1, today: 1 });
    });
  });

  test('quick add', async () => {
    pact
      .uponReceiving('a quick add with a title and a due date')
      .withRequest({
        method: 'POST',
        path: '/api/tasks',
        headers: authJson,
        body: { title: 'Water the plants', due: { date: '2026-11-22' } },
      })
      .willRespondWith({
        status: 201,
        headers: { etag: regex(/^"\d+"$/, '"1"') },
        body: taskLike({ due: { date: '2026-11-22' }, dueAt: like(INSTANT_END) }),
      });
    await executeTest(pact, async (mock) => {
      const task = await client(mock.url).create({ title: 'Water the plants', due: { date: '2026-11-22' } });
      expect(task.version).toBe(1);
    });
  });

  test('a task with every field from the editor', async () => {
    // Fixed dates in the past: the API takes any due date, and a pact must not change with
    // the day it is written (nor expire once a "future" date has passed).
    pact
      .given('ada has the tag "home" and the list "Errands"')
      .uponReceiving('a create with every field')
      .withRequest({
        method: 'POST',
        path: '/api/tasks',
        headers: authJson,
        body: {
          title: 'Prepare the report',
          priority: 'high',
          notes: 'Figures from **finance**.',
          tagIds: [tagId()],
          listId: fromProviderState('${listId}', LIST_ID),
          due: { dateTime: '2026-06-05T09:30:00', timeZone: 'Europe/Paris' },
          reminders: [
            { type: 'relative', minutesBefore: 1440 },
            { type: 'absolute', at: '2026-06-04T16:00:00.000Z' },
          ],
          recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1FR', mode: 'after-completion' },
        },
      })
      .willRespondWith({
        status: 201,
        body: taskLike({
          title: 'Prepare the report',
          priority: 'high',
          tags: eachLike(tagLike()),
          listId: uuid(LIST_ID),
          due: { dateTime: like('2026-06-05T09:30:00'), timeZone: 'Europe/Paris' },
          dueAt: '2026-06-05T07:30:00.000Z',
          reminders: [
            { id: uuid(), type: 'relative', minutesBefore: 1440 },
            { id: uuid(), type: 'absolute', at: '2026-06-04T16:00:00.000Z' },
          ],
          recurrence: { rrule: like('FREQ=MONTHLY;BYDAY=1FR'), mode: 'after-completion' },
          seriesId: like(null),
        }),
      });
    await executeTest(pact, async (mock) => {
      const task = await client(mock.url).create({
        title: 'Prepare the report',
        priority: 'high',
        notes: 'Figures from **finance**.',
        tagIds: [TAG_ID],
        listId: LIST_ID,
        due: { dateTime: '2026-06-05T09:30:00', timeZone: 'Europe/Paris' },
        reminders: [
          { type: 'relative', minutesBefore: 1440 },
          { type: 'absolute', at: '2026-06-04T16:00:00.000Z' },
        ],
        recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1FR', mode: 'after-completion' },
      });
      expect(task.dueAt).toBe('2026-06-05T07:30:00.000Z');
    });
  });

  test('an invalid task names the field', async () => {
    pact
      .uponReceiving('a create with an empty title')
      .withRequest({ method: 'POST', path: '/api/tasks', headers: authJson, body: { title: '' } })
      .willRespondWith({
        status: 400,
        body: {
          error: {
            code: like('validation_failed'),
            message: like('invalid request'),
            details: { problems: eachLike({ field: 'body.title', message: like('must not be empty') }) },
          },
        },
      });
    await executeTest(pact, async (mock) => {
      const err = await client(mock.url)
        .create({ title: '' })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 400, problems: [{ field: 'body.title' }] });
    });
  });

  test('an edit', async () => {
    pact
      .given('ada has a task')
      .uponReceiving('a partial update with If-Match')
      .withRequest({
        method: 'PATCH',
        path: taskPath(),
        headers: { ...authJson, 'if-match': ifMatch(1) },
        body: { title: 'Water the plants twice', priority: 'medium', due: null },
      })
      .willRespondWith({
        status: 200,
        headers: { etag: regex(/^"\d+"$/, '"2"') },
        body: taskLike({ title: 'Water the plants twice', priority: 'medium', version: integer(2) }),
      });
    await executeTest(pact, async (mock) => {
      const task = await client(mock.url).update(TASK_ID, 1, {
        title: 'Water the plants twice',
        priority: 'medium',
        due: null,
      });
      expect(task.version).toBe(2);
    });
  });

  test('an edit of one occurrence of a series only', async () => {
    pact
      .given('ada has a recurring task')
      .uponReceiving('a partial update of this occurrence only')
      .withRequest({
        method: 'PATCH',
        path: taskPath(),
        query: { scope: 'this' },
        headers: { ...authJson, 'if-match': ifMatch(1) },
        body: { title: 'Water the plants, and repot them' },
      })
      .willRespondWith({
        status: 200,
        headers: { etag: regex(/^"\d+"$/, '"2"') },
        body: taskLike({
          title: 'Water the plants, and repot them',
          version: integer(2),
          due: like({ dateTime: '2026-11-24T09:00', timeZone: 'Europe/London' }),
          dueAt: like('2026-11-24T09:00:00.000Z'),
          recurrence: { rrule: like('FREQ=DAILY'), mode: like('after-completion') },
        }),
      });
    await executeTest(pact, async (mock) => {
      const task = await client(mock.url).update(TASK_ID, 1, { title: 'Water the plants, and repot them' }, 'this');
      expect(task).toMatchObject({ title: 'Water the plants, and repot them', version: 2 });
    });
  });

  test('stopping a series (its rule removed for this and future occurrences)', async () => {
    pact
      .given('ada has a recurring task')
      .uponReceiving('the rule removed from the latest occurrence, for the series')
      .withRequest({
        method: 'PATCH',
        path: taskPath(),
        query: { scope: 'future' },
        headers: { ...authJson, 'if-match': ifMatch(1) },
        body: { recurrence: null },
      })
      .willRespondWith({
        status: 200,
        headers: { etag: regex(/^"\d+"$/, '"2"') },
        body: taskLike({
          version: integer(2),
          due: like({ dateTime: '2026-11-24T09:00', timeZone: 'Europe/London' }),
          dueAt: like('2026-11-24T09:00:00.000Z'),
          recurrence: null,
        }),
      });
    await executeTest(pact, async (mock) => {
      const task = await client(mock.url).update(TASK_ID, 1, { recurrence: null }, 'future');
      expect(task).toMatchObject({ recurrence: null, version: 2 });
    });
  });

  test('an edit that conflicts carries the current task', async () => {
    pact
      .given('ada has a task that was changed elsewhere')
      .uponReceiving('a partial update with a stale If-Match')
      .withRequest({
        method: 'PATCH',
        path: taskPath(),
        headers: { ...authJson, 'if-match': '"1"' },
        body: { title: 'My title' },
      })
      .willRespondWith({
        status: 409,
        body: {
          error: {
            code: like('conflict'),
            message: like('the task changed'),
            details: { current: taskLike({ title: 'Their title', version: integer(2) }) },
          },
        },
      });
    await executeTest(pact, async (mock) => {
      const err = await client(mock.url)
        .update(TASK_ID, 1, { title: 'My title' })
        .catch((e: unknown) => e);
      expect(conflictCurrent<Task>(err)).toMatchObject({ title: 'Their title', version: 2 });
    });
  });

  test('one task (to complete it from a notification)', async () => {
    pact
      .given('ada has a task')
      .uponReceiving('a request for one task')
      .withRequest({ method: 'GET', path: taskPath(), headers: auth })
      .willRespondWith({ status: 200, body: taskLike({ id: taskId() }) });
    await executeTest(pact, async (mock) => {
      expect((await client(mock.url).get(TASK_ID)).title).toBe('Water the plants');
    });
  });

  test('complete', async () => {
    pact
      .given('ada has a task')
      .uponReceiving('a completion')
      .withRequest({ method: 'POST', path: taskPath('/complete'), headers: { ...auth, 'if-match': ifMatch(1) } })
      .willRespondWith({
        status: 200,
        body: taskLike({ status: 'done', completedAt: like(INSTANT_END), version: integer(2) }),
      });
    await executeTest(pact, async (mock) => {
      expect((await client(mock.url).complete(TASK_ID, 1)).status).toBe('done');
    });
  });

  test('a subtask added under a task', async () => {
    pact
      .given('ada has a task')
      .uponReceiving('a create under a parent')
      .withRequest({
        method: 'POST',
        path: '/api/tasks',
        headers: authJson,
        body: { title: 'Buy compost', parentId: taskId() },
      })
      .willRespondWith({
        status: 201,
        headers: { etag: regex(/^"\d+"$/, '"1"') },
        body: taskLike({
          id: uuid(SUBTASK_ID),
          title: 'Buy compost',
          parentId: taskId(),
          subtasks: { total: 0, done: 0 },
        }),
      });
    await executeTest(pact, async (mock) => {
      const subtask = await client(mock.url).create({ title: 'Buy compost', parentId: TASK_ID });
      expect(subtask.parentId).toBe(TASK_ID);
    });
  });

  test('a task moved after another of its list (manual order)', async () => {
    pact
      .given('ada has two tasks in the Inbox')
      .uponReceiving('a move after another task')
      .withRequest({
        method: 'POST',
        path: taskPath('/move'),
        headers: authJson,
        body: { after: fromProviderState('${otherId}', SUBTASK_ID) },
      })
      .willRespondWith({
        status: 200,
        headers: { etag: regex(/^"\d+"$/, '"2"') },
        body: taskLike({ position: like('a1V'), version: integer(2), subtasks: like({ total: 0, done: 0 }) }),
      });
    await executeTest(pact, async (mock) => {
      const moved = await client(mock.url).move(TASK_ID, { after: SUBTASK_ID });
      expect(moved.position).toBe('a1V');
    });
  });

  test('the subtasks of a task, oldest first', async () => {
    pact
      .given('ada has a task with two open subtasks')
      .uponReceiving('a list request for the subtasks of a task')
      .withRequest({
        method: 'GET',
        path: '/api/tasks',
        headers: auth,
        query: { parentId: taskId(), sort: 'created', order: 'asc' },
      })
      .willRespondWith({
        status: 200,
        body: {
          items: eachLike(
            taskLike({ id: uuid(SUBTASK_ID), parentId: taskId(), subtasks: like({ total: 0, done: 0 }) }),
            2,
          ),
          nextCursor: null,
        },
      });
    await executeTest(pact, async (mock) => {
      const items = await client(mock.url).subtasks(TASK_ID);
      expect(items.map((s) => s.parentId)).toEqual([TASK_ID, TASK_ID]);
    });
  });

  test('complete a task with its open subtasks', async () => {
    pact
      .given('ada has a task with two subtasks, one of them done')
      .uponReceiving('a completion with its subtasks')
      .withRequest({
        method: 'POST',
        path: taskPath('/complete'),
        headers: { ...authJson, 'if-match': ifMatch(1) },
        body: { completeSubtasks: true },
      })
      .willRespondWith({
        status: 200,
        body: taskLike({
          status: 'done',
          completedAt: like(INSTANT_END),
          version: integer(2),
          subtasks: { total: 2, done: 2 },
        }),
      });
    await executeTest(pact, async (mock) => {
      const task = await client(mock.url).complete(TASK_ID, 1, true);
      expect(task.subtasks).toEqual({ total: 2, done: 2 });
    });
  });

  test('reopen', async () => {
    pact
      .given('ada has a completed task')
      .uponReceiving('a reopening')
      .withRequest({ method: 'POST', path: taskPath('/reopen'), headers: { ...auth, 'if-match': ifMatch(2) } })
      .willRespondWith({ status: 200, body: taskLike({ status: 'open', version: integer(3) }) });
    await executeTest(pact, async (mock) => {
      expect((await client(mock.url).reopen(TASK_ID, 2)).status).toBe('open');
    });
  });

  test('delete', async () => {
    pact
      .given('ada has a task')
      .uponReceiving('a delete')
      .withRequest({ method: 'DELETE', path: taskPath(), headers: auth })
      .willRespondWith({
        status: 200,
        body: {
          task: taskLike({ deletedAt: like(INSTANT_END), version: integer(2) }),
          restorableUntil: like(INSTANT_END),
        },
      });
    await executeTest(pact, async (mock) => {
      const { task } = await client(mock.url).remove(TASK_ID);
      expect(task.deletedAt).toBeTruthy();
    });
  });

  test('undo a delete', async () => {
    pact
      .given('ada has a deleted task')
      .uponReceiving('a restore')
      .withRequest({ method: 'POST', path: taskPath('/restore'), headers: auth })
      .willRespondWith({ status: 200, body: taskLike({ deletedAt: null, version: integer(3) }) });
    await executeTest(pact, async (mock) => {
      expect((await client(mock.url).restore(TASK_ID)).deletedAt).toBeNull();
    });
  });

  // What each bulk action changes on the task it returns.
  const bulkResults = {
    complete: { status: 'done', completedAt: like(INSTANT_END) },
    delete: { deletedAt: like(INSTANT_END) },
    tag: { tags: eachLike(tagLike()) },
  };

  test.each([
    ['complete', undefined],
    ['delete', undefined],
    ['tag', [TAG_ID]],
  ] as const)('bulk %s', async (action, tagIds) => {
    pact
      .given('ada has a task and the tag "home"')
      .uponReceiving(`a bulk ${action}`)
      .withRequest({
        method: 'POST',
        path: '/api/tasks/bulk',
        headers: authJson,
        body: tagIds ? { action, ids: [taskId()], tagIds: [tagId()] } : { action, ids: [taskId()] },
      })
      .willRespondWith({
        status: 200,
        body: {
          results: eachLike({
            id: uuid(TASK_ID),
            status: 'ok',
            task: taskLike({ version: integer(2), ...bulkResults[action] }),
          }),
        },
      });
    await executeTest(pact, async (mock) => {
      const r = await client(mock.url).bulk(action, [TASK_ID], tagIds ? [...tagIds] : undefined);
      expect(r.results[0]!.status).toBe('ok');
    });
  });

  test('tags', async () => {
    pact
      .given('ada has the tag "home" and the list "Errands"')
      .uponReceiving('a request for the tags')
      .withRequest({ method: 'GET', path: '/api/tasks/tags', headers: auth })
      .willRespondWith({ status: 200, body: { items: eachLike(tagLike()) } });
    await executeTest(pact, async (mock) => {
      expect((await client(mock.url).tags())[0]!.name).toBe('home');
    });
  });

  test('a tag made on the fly', async () => {
    pact
      .uponReceiving('a new tag')
      .withRequest({ method: 'POST', path: '/api/tasks/tags', headers: authJson, body: { name: 'garden' } })
      .willRespondWith({ status: 201, body: like({ id: uuid(TAG_ID), name: 'garden', color: null }) });
    await executeTest(pact, async (mock) => {
      expect((await client(mock.url).createTag('garden')).name).toBe('garden');
    });
  });

  test('lists', async () => {
    pact
      .given('ada has the tag "home" and the list "Errands"')
      .uponReceiving('a request for the lists')
      .withRequest({ method: 'GET', path: '/api/tasks/lists', headers: auth })
      .willRespondWith({ status: 200, body: { items: eachLike(listLike()) } });
    await executeTest(pact, async (mock) => {
      expect((await client(mock.url).lists())[0]!.name).toBe('Errands');
    });
  });

  test('a list made from the editor', async () => {
    pact
      .uponReceiving('a new list')
      .withRequest({ method: 'POST', path: '/api/tasks/lists', headers: authJson, body: { name: 'Garden' } })
      .willRespondWith({ status: 201, body: like({ id: uuid(LIST_ID), name: 'Garden' }) });
    await executeTest(pact, async (mock) => {
      expect((await client(mock.url).createList('Garden')).name).toBe('Garden');
    });
  });

  test('an expired token is refused (the client then refreshes)', async () => {
    pact
      .uponReceiving('a request with an invalid token')
      .withRequest({ method: 'GET', path: '/api/tasks/tags', headers: { authorization: 'Bearer expired.token.value' } })
      .willRespondWith({ status: 401, body: errorLike() });
    await executeTest(pact, async (mock) => {
      const api = tasksApi(createHttp({ baseUrl: mock.url, accessToken: () => 'expired.token.value' }));
      await expect(api.tags()).rejects.toMatchObject({ status: 401 });
    });
  });
});
