import { taskCompleted, userRegistered } from '@daybook/contracts';
import { toAuditRecord } from './audit-entry';

const envelope = {
  specversion: '1.0' as const,
  id: 'evt-1',
  source: 'tasks',
  time: '2026-11-22T10:00:00.000Z',
  correlationid: 'corr-1',
  causationid: 'req-1',
};

test('a task change is recorded against the task with its before and after values', () => {
  const data = taskCompleted.example;
  const record = toAuditRecord({ ...envelope, type: taskCompleted.type, partitionkey: data.task.id, data });
  expect(record).toMatchObject({
    eventId: 'evt-1',
    entityType: 'task',
    entityId: data.task.id,
    userId: data.task.userId,
    before: data.before,
    after: data.task,
    correlationId: 'corr-1',
    causationId: 'req-1',
  });
  expect(record.occurredAt.toISOString()).toBe('2026-11-22T10:00:00.000Z');
});

test('an event without a task is recorded against its own entity and user', () => {
  const data = userRegistered.example;
  const record = toAuditRecord({
    ...envelope,
    source: 'identity',
    type: userRegistered.type,
    partitionkey: data.userId,
    data,
  });
  expect(record).toMatchObject({
    entityType: 'user',
    entityId: data.userId,
    userId: data.userId,
    before: null,
    after: data,
  });
});

test('an event carrying no user is refused rather than recorded without an owner', () => {
  expect(() => toAuditRecord({ ...envelope, type: 'daybook.thing.done.v1', partitionkey: 'k', data: {} })).toThrow(
    /no user id/,
  );
});
