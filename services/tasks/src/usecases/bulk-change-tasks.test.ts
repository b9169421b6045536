import { Conflict, InvalidInput, NotFound } from '@daybook/service-kit';
import type { TaskRecord } from '../domain/task-view';
import { bulkChangeTasks } from './bulk-change-tasks';

// Pure orchestration over the single-task use cases (each tested on PostgreSQL): fakes
// that record their calls, and fail for the ids they are told to.
function fakes(failures: Record<string, Error> = {}) {
  const calls: string[] = [];
  const done = (call: string, id: string) => {
    calls.push(call);
    const failure = failures[id];
    return failure ? Promise.reject(failure) : Promise.resolve({ id } as TaskRecord);
  };
  const bulk = bulkChangeTasks({
    completeTask: async (_userId, id, version) => done(`complete ${id} ${version}`, id),
    deleteTask: async (_userId, id, version) => done(`delete ${id} ${version}`, id),
    retagTask: async (_userId, id, tagIds, mode) => done(`${mode} ${id} ${tagIds.join(',')}`, id),
  });
  return { bulk, calls };
}

test('each task is changed on its own, in order, without a version', async () => {
  const { bulk, calls } = fakes();
  expect(await bulk('ada', ['a', 'b'], { action: 'complete' })).toEqual([
    { id: 'a', status: 'ok', task: { id: 'a' } },
    { id: 'b', status: 'ok', task: { id: 'b' } },
  ]);
  await bulk('ada', ['c'], { action: 'delete' });
  await bulk('ada', ['d'], { action: 'tag', tagIds: ['t1', 't2'] });
  await bulk('ada', ['e'], { action: 'untag', tagIds: ['t1'] });
  expect(calls).toEqual([
    'complete a undefined',
    'complete b undefined',
    'delete c undefined',
    'tag d t1,t2',
    'untag e t1',
  ]);
});

test('a missing task is reported not found and one already so unchanged; the others are still done', async () => {
  const { bulk, calls } = fakes({ a: new NotFound('task'), b: new Conflict('task is already done') });
  expect(await bulk('ada', ['a', 'b', 'c'], { action: 'complete' })).toEqual([
    { id: 'a', status: 'not_found' },
    { id: 'b', status: 'unchanged' },
    { id: 'c', status: 'ok', task: { id: 'c' } },
  ]);
  expect(calls).toHaveLength(3);
});

test('any other failure fails the request (a tag that is not the user’s is bad input, not a task’s state)', async () => {
  const refused = new InvalidInput('body.tagIds.0', 'no such tag');
  const { bulk, calls } = fakes({ a: refused });
  await expect(bulk('ada', ['a', 'b'], { action: 'tag', tagIds: ['t1'] })).rejects.toBe(refused);
  expect(calls).toEqual(['tag a t1']);
});
