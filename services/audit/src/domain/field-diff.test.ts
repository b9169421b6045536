import { taskUpdated } from '@daybook/contracts';
import { fieldDiff } from './field-diff';

const task = taskUpdated.example.before;

test('each changed field, with where it is and its values before and after', () => {
  const after = { ...task, title: 'Water the ferns', priority: 'high', status: 'done', version: 2 };
  expect(fieldDiff(task, after)).toEqual([
    { path: 'title', kind: 'changed', from: 'Water the plants', to: 'Water the ferns' },
    { path: 'status', kind: 'changed', from: 'open', to: 'done' },
    { path: 'priority', kind: 'changed', from: 'medium', to: 'high' },
    { path: 'version', kind: 'changed', from: 1, to: 2 },
  ]);
});

test('nothing changed is an empty diff', () => {
  expect(fieldDiff(task, structuredClone(task))).toEqual([]);
});

test('inside an object, each field; a value replacing null (or null one) is one change', () => {
  const due = { dateTime: '2026-11-23T10:30:00', timeZone: 'Europe/London' };
  expect(fieldDiff(task, { ...task, due })).toEqual([
    { path: 'due.dateTime', kind: 'changed', from: '2026-11-23T09:00:00', to: '2026-11-23T10:30:00' },
  ]);
  expect(
    fieldDiff({ ...task, due: { date: '2026-11-23' } }, { ...task, due: { dateTime: 'x', timeZone: 'UTC' } }),
  ).toEqual([
    { path: 'due.date', kind: 'removed', from: '2026-11-23' },
    { path: 'due.dateTime', kind: 'added', to: 'x' },
    { path: 'due.timeZone', kind: 'added', to: 'UTC' },
  ]);
  expect(fieldDiff({ ...task, due: null }, task)).toEqual([{ path: 'due', kind: 'changed', from: null, to: task.due }]);
  expect(fieldDiff(task, { ...task, due: null })).toEqual([{ path: 'due', kind: 'changed', from: task.due, to: null }]);
});

test('a list is one value: a tag added, removed or renamed is one change of the whole list', () => {
  const garden = { id: '9d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6', name: 'garden', color: null };
  const withGarden = { ...task, tags: [...task.tags, garden] };
  expect(fieldDiff(task, withGarden)).toEqual([
    { path: 'tags', kind: 'changed', from: task.tags, to: withGarden.tags },
  ]);
  expect(fieldDiff(withGarden, task)).toEqual([
    { path: 'tags', kind: 'changed', from: withGarden.tags, to: task.tags },
  ]);
  const renamed = { ...task, tags: [{ ...task.tags[0]!, name: 'house' }], reminders: [] };
  expect(fieldDiff(task, renamed)).toEqual([
    { path: 'tags', kind: 'changed', from: task.tags, to: renamed.tags },
    { path: 'reminders', kind: 'changed', from: task.reminders, to: [] },
  ]);
});

test('without a before (or an after) there is nothing to compare: null', () => {
  expect(fieldDiff(null, task)).toBeNull();
  expect(fieldDiff(task, null)).toBeNull();
  expect(fieldDiff([1], [2])).toBeNull();
});
