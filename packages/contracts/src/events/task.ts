import { z } from 'zod';
import { defineEvent } from '../define-event';
import { id, timestamp, userId } from './common';

/** When a task is due: a calendar date, or a wall-clock time in an IANA time zone. */
export const taskDue = z.union([
  z.object({ date: z.iso.date(), timeZone: z.string().min(1).optional() }).strict(),
  z.object({ dateTime: z.iso.datetime({ local: true }), timeZone: z.string().min(1) }).strict(),
]);

export const taskReminder = z.union([
  z.object({ id, type: z.literal('absolute'), at: timestamp }).strict(),
  z.object({ id, type: z.literal('relative'), minutesBefore: z.number().int().min(0) }).strict(),
]);

/** The task as other services need to see it: enough to schedule, recur, audit and render. */
export const taskSnapshot = z
  .object({
    id,
    userId,
    title: z.string().min(1).max(500),
    notes: z.string().max(20_000),
    status: z.enum(['open', 'done']),
    priority: z.enum(['none', 'low', 'medium', 'high', 'urgent']),
    tags: z.array(z.object({ id, name: z.string(), color: z.string().nullable() }).strict()),
    listId: id.nullable(),
    due: taskDue.nullable(),
    /** The instant the task is due (computed from `due`). */
    dueAt: timestamp.nullable(),
    reminders: z.array(taskReminder),
    recurrence: z
      .object({
        rrule: z.string().min(1),
        mode: z.enum(['after-completion', 'fixed-schedule']),
        /** Fixed schedule: occurrences whose time passed while nothing ran are created or skipped. */
        missed: z.enum(['create', 'skip']).optional(),
        /** Local dates the series skips (EXDATE). */
        exdates: z.array(z.iso.date()).max(100).optional(),
      })
      .strict()
      .nullable(),
    seriesId: id.nullable(),
    /**
     * The task this one is a subtask of; absent on a top-level task. Optional (not a new
     * version): every snapshot written before subtasks existed is still a valid one.
     */
    parentId: id.optional(),
    /**
     * Where the person put it in its list (the Inbox being the tasks with no list): a
     * fractional index; a list's tasks sort by it byte by byte (then by id). Optional, as
     * parentId: snapshots written before manual ordering existed are still valid ones.
     */
    position: z.string().min(1).max(200).optional(),
    version: z.number().int().positive(),
    createdAt: timestamp,
    updatedAt: timestamp,
    completedAt: timestamp.nullable(),
    deletedAt: timestamp.nullable(),
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
  tags: [{ id: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', name: 'home', color: '#3b82f6' }],
  listId: null,
  due: { dateTime: '2026-11-23T09:00:00', timeZone: 'Europe/London' },
  dueAt: '2026-11-23T09:00:00.000Z',
  reminders: [{ id: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901', type: 'relative', minutesBefore: 15 }],
  recurrence: null,
  seriesId: null,
  position: 'a0',
  version: 1,
  createdAt: '2026-11-22T09:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
  completedAt: null,
  deletedAt: null,
};

const key = (d: { task: { id: string } }) => d.task.id;
const keyRule = 'task.id';
const withTask = z.object({ task: taskSnapshot }).strict();
const withChange = z.object({ before: taskSnapshot, task: taskSnapshot }).strict();

/**
 * For a task in a series: `this` changed this occurrence only; `future` changed it and the
 * series' later occurrences (the ones after it, and every one still to be created).
 */
export const seriesScope = z.enum(['this', 'future']);
export type SeriesScope = z.infer<typeof seriesScope>;

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
  description:
    'Fields of a task changed; carries the values before and after, and for a task in a series whether the edit was for this occurrence only or also for later ones.',
  schema: withChange.extend({ scope: seriesScope.optional() }).strict(),
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
  schema: withChange,
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: { before: exampleTask, task: { ...exampleTask, version: 2, deletedAt: '2026-11-22T10:00:00.000Z' } },
});

export const taskRestored = defineEvent({
  type: 'daybook.task.restored.v1',
  topic: 'task-events',
  source: 'tasks',
  description: 'A deleted task was restored within the undo window.',
  schema: withChange,
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    before: { ...exampleTask, version: 2, deletedAt: '2026-11-22T10:00:00.000Z' },
    task: { ...exampleTask, version: 3 },
  },
});

export const taskMoved = defineEvent({
  type: 'daybook.task.moved.v1',
  topic: 'task-events',
  source: 'tasks',
  description:
    'A person moved a task within its list (manual order): only its position changed. Other devices re-sort the list by it.',
  schema: withChange,
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: { before: exampleTask, task: { ...exampleTask, position: 'Zz', version: 2 } },
});
