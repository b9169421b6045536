import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { TaskSnapshot } from '@daybook/contracts';
import type { Task } from '../generated/prisma/client';

/** What a person may send to create a task (the full field set arrives with the task API issue). */
export const createTaskInput = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(500),
    notes: z.string().max(20_000).optional(),
    priority: z.enum(['none', 'low', 'medium', 'high', 'urgent']).optional(),
  })
  .strict();
export type CreateTaskInput = z.infer<typeof createTaskInput>;

export function newTask(userId: string, input: CreateTaskInput, now = new Date()): Task {
  return {
    id: randomUUID(),
    userId,
    title: input.title,
    notes: input.notes ?? '',
    status: 'open',
    priority: input.priority ?? 'none',
    version: 1,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
  };
}

/** The task as events and API responses show it. */
export function toSnapshot(task: Task): TaskSnapshot {
  return {
    id: task.id,
    userId: task.userId,
    title: task.title,
    notes: task.notes,
    status: task.status as TaskSnapshot['status'],
    priority: task.priority as TaskSnapshot['priority'],
    dueAt: null,
    timeZone: null,
    recurrence: null,
    seriesId: null,
    version: task.version,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    completedAt: task.completedAt?.toISOString() ?? null,
  };
}
