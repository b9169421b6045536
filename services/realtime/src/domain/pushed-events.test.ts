import {
  ALL_EVENTS,
  type EventContract,
  loginCodeRequested,
  reminderDue,
  taskUpdated,
  userDeleted,
} from '@daybook/contracts';
import { PUSHED_TOPICS, pushedContracts, userOf } from './pushed-events';

test('every event on the pushed topics is pushed, and nothing with a sealed field or from user-events', () => {
  const pushed = pushedContracts().map((c) => c.type);
  expect(pushed).toContain(taskUpdated.type);
  expect(pushed).toContain(reminderDue.type);
  expect(pushed).not.toContain(loginCodeRequested.type);
  expect(pushed).not.toContain(userDeleted.type);
  const expected = ALL_EVENTS.filter((c) => (PUSHED_TOPICS as readonly string[]).includes(c.topic));
  expect(pushed.sort()).toEqual(expected.map((c) => c.type).sort());
});

test('a contract with a sensitive field is never pushed, even on a pushed topic', () => {
  const sealedOnTaskTopic: EventContract = { ...(loginCodeRequested as EventContract), topic: 'task-events' };
  expect(pushedContracts([sealedOnTaskTopic]).length).toBe(0);
});

test('the user of every pushed contract is found in its example', () => {
  for (const contract of pushedContracts()) {
    expect({ type: contract.type, user: typeof userOf(contract.example) }).toEqual({
      type: contract.type,
      user: 'string',
    });
  }
  expect(userOf(taskUpdated.example)).toBe(taskUpdated.example.task.userId);
  expect(userOf({})).toBeUndefined();
  expect(userOf(null)).toBeUndefined();
  expect(userOf({ task: null })).toBeUndefined();
});
