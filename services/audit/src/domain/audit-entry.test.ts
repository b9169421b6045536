import { z } from 'zod';
import {
  ALL_EVENTS,
  SENSITIVE_MARKER,
  loginCodeRequested,
  sensitive,
  sensitivePaths,
  taskCompleted,
  userRegistered,
} from '@daybook/contracts';
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
  const record = toAuditRecord(
    { ...envelope, type: taskCompleted.type, partitionkey: data.task.id, data },
    taskCompleted,
  );
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
  // The field-level diff is computed as the record is made.
  expect(record.changes).toEqual([
    { path: 'status', kind: 'changed', from: 'open', to: 'done' },
    { path: 'version', kind: 'changed', from: 1, to: 2 },
    { path: 'completedAt', kind: 'changed', from: null, to: '2026-11-22T10:00:00.000Z' },
  ]);
});

test('an event without a task is recorded against its own entity and user', () => {
  const data = userRegistered.example;
  const record = toAuditRecord(
    { ...envelope, source: 'identity', type: userRegistered.type, partitionkey: data.userId, data },
    userRegistered,
  );
  expect(record).toMatchObject({
    entityType: 'user',
    entityId: data.userId,
    userId: data.userId,
    before: null,
    after: data,
    changes: null,
  });
});

test('the actor is the user when the event was published serving their request, else the publishing service', () => {
  const data = taskCompleted.example;
  const of = (ids: { correlationid: string; causationid?: string }, source = 'tasks') =>
    toAuditRecord(
      { ...envelope, ...ids, source, type: taskCompleted.type, partitionkey: data.task.id, data },
      taskCompleted,
    ).actor;
  // The kit: a request's events are caused by the request (its correlation id), an event's by that event.
  expect(of({ correlationid: 'req-7', causationid: 'req-7' })).toBe(`user:${data.task.userId}`);
  expect(of({ correlationid: 'req-7', causationid: 'evt-3' }, 'recurring')).toBe('service:recurring');
  expect(of({ correlationid: 'req-7' }, 'recurring')).toBe('service:recurring');
});

test('an event carrying no user is refused rather than recorded without an owner', () => {
  expect(() =>
    toAuditRecord(
      { ...envelope, type: 'daybook.thing.done.v1', partitionkey: 'k', data: {} },
      { schema: z.object({}) },
    ),
  ).toThrow(/no user id/);
});

test('fields the contract marks sensitive are never recorded, whatever their name', () => {
  const data = loginCodeRequested.example;
  const record = toAuditRecord(
    { ...envelope, source: 'identity', type: loginCodeRequested.type, partitionkey: data.userId, data },
    loginCodeRequested,
  );
  expect(record.after).toEqual({ ...data, sealedCode: SENSITIVE_MARKER });
  expect(JSON.stringify(record)).not.toContain(data.sealedCode.ciphertext);

  // Driven by the mark, not by a list of names: a task event with a marked field is stripped too.
  const pin = sensitive(z.string());
  const marked = { schema: z.object({ task: z.object({ userId: z.string(), pin }), before: z.object({ pin }) }) };
  const task = { userId: data.userId, pin: '4321' };
  const before = { pin: '1234' };
  const taskRecord = toAuditRecord(
    { ...envelope, type: 'daybook.task.locked.v1', partitionkey: 't1', data: { task, before } },
    marked,
  );
  expect(taskRecord.after).toEqual({ userId: data.userId, pin: SENSITIVE_MARKER });
  expect(taskRecord.before).toEqual({ pin: SENSITIVE_MARKER });
  // The diff is of what is kept: a secret that changed is no change to a reader, and never a value.
  expect(taskRecord.changes).toEqual([{ path: 'userId', kind: 'added', to: data.userId }]);
  expect(JSON.stringify(taskRecord.changes)).not.toContain('4321');
});

/** The values at a dotted path (`*`: every element or value). */
function valuesAt(node: unknown, path: string[]): unknown[] {
  if (path.length === 0) return node == null ? [] : [node];
  if (typeof node !== 'object' || node === null) return [];
  const [head, ...rest] = path as [string, ...string[]];
  const children = head === '*' ? Object.values(node) : [(node as Record<string, unknown>)[head]];
  return children.flatMap((child) => valuesAt(child, rest));
}

test.each(ALL_EVENTS.map((c) => [c.type, c] as const))(
  '%s: its example is recorded with no sensitive value, in before, after or the diff',
  (_type, contract) => {
    const data = contract.example as Record<string, unknown>;
    const record = toAuditRecord(
      { ...envelope, type: contract.type, partitionkey: contract.partitionKey(data as never), data },
      contract,
    );
    const secrets = sensitivePaths(contract).flatMap((path) => valuesAt(data, path.split('.')));
    for (const secret of secrets) expect(JSON.stringify(record)).not.toContain(JSON.stringify(secret));
  },
);
