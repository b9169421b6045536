import { z } from 'zod';
import { defineEvent } from '../define-event';
import { id, timestamp, userId } from './common';

/** The task as other services need to see it: enough to schedule, recur, audit and render. */
export const taskSnapshot = z
  .object({
    id,
    userId,
    title: z.string().min(1).max(500),
    notes: z.string().max(20_000).default(''),
    status: z.enum(['open', 'done']),
    priority: z.enum(['none', 'low', 'medium', 'high', 'urgent']).default('none'),
    dueAt: timestamp.nullable().default(null),
    timeZone: z.string().min(1).nullable().default(null),
    recurrence: z
      .object({ rrule: z.string().min(1), mode: z.enum(['after-completion', 'fixed-schedule']) })
      .nullable()
      .default(null),
    seriesId: id.nullable().default(null),
    version: z.number().int().positive(),
    createdAt: timestamp,
    updatedAt: timestamp,
    completedAt: timestamp.nullable().default(null),
  })
  .strict();
export type TaskSnapshot = z.infer<typeof taskSnapshot>;

const exampleTask: TaskSnapshot = {
  id: '5f0e8a4e-3c2b-4a8f-9e61-7c1d2b3a4f50',
  userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
  title: 'Water the plants',
  notes: '',
  status: 'open',
  priority: 'medium',
  dueAt: '2026-11-23T09:00:00.000Z',
  timeZone: 'Europe/London',
  recurrence: null,
  seriesId: null,
  version: 1,
  createdAt: '2026-11-22T09:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
  completedAt: null,
};

const key = (d: { task: { id: string } }) => d.task.id;
const keyRule = 'task.id';
const withTask = z.object({ task: taskSnapshot }).strict();
const withChange = z.object({ before: taskSnapshot, task: taskSnapshot }).strict();

export const taskCreated = defineEvent({
  type: 'daybook.task.created.v1',
  topic: 'task-events',
  source: 'tasks',
  description: 'A task was created (by a person, or as the next occurrence of a series).',
  schema: withTask,
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: { task: exampleTask },
});

export const taskUpdated = defineEvent({
  type: 'daybook.task.updated.v1',
  topic: 'task-events',
  source: 'tasks',
  description: 'Fields of a task changed; carries the values before and after.',
  schema: withChange,
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: { before: exampleTask, task: { ...exampleTask, title: 'Water the ferns', version: 2 } },
});

export const taskCompleted = defineEvent({
  type: 'daybook.task.completed.v1',
  topic: 'task-events',
  source: 'tasks',
  description: 'A task was marked done.',
  schema: withChange,
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    before: exampleTask,
    task: { ...exampleTask, status: 'done', version: 2, completedAt: '2026-11-22T10:00:00.000Z' },
  },
});

export const taskReopened = defineEvent({
  type: 'daybook.task.reopened.v1',
  topic: 'task-events',
  source: 'tasks',
  description: 'A done task was opened again.',
  schema: withChange,
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    before: { ...exampleTask, status: 'done', version: 2, completedAt: '2026-11-22T10:00:00.000Z' },
    task: { ...exampleTask, version: 3 },
  },
});

export const taskDeleted = defineEvent({
  type: 'daybook.task.deleted.v1',
  topic: 'task-events',
  source: 'tasks',
  description: 'A task was deleted (restorable during the undo window).',
  schema: z.object({ task: taskSnapshot, deletedAt: timestamp }).strict(),
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: { task: exampleTask, deletedAt: '2026-11-22T10:00:00.000Z' },
});

export const taskRestored = defineEvent({
  type: 'daybook.task.restored.v1',
  topic: 'task-events',
  source: 'tasks',
  description: 'A deleted task was restored within the undo window.',
  schema: withTask,
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: { task: exampleTask },
});
