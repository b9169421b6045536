// For unit tests only (nothing in the service imports it): records as the stores return them.
import type { TaskRecord } from './domain/task-view';

/** A task as the store reads it (open, no due date, no tags or reminders), with `overrides`. */
export function aRecord(overrides: Partial<TaskRecord> = {}): TaskRecord {
  const at = new Date('2025-03-01T09:00:00Z');
  return {
    id: '5f0e8a4e-3c2b-4a8f-9e61-7c1d2b3a4f50',
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    title: 'Water the plants',
    notes: '',
    status: 'open',
    priority: 'none',
    listId: null,
    dueDate: null,
    dueDateTime: null,
    dueTimeZone: null,
    dueAt: null,
    recurrenceRule: null,
    recurrenceMode: null,
    recurrenceMissed: null,
    recurrenceExdates: [],
    seriesId: null,
    parentId: null,
    position: 'a0',
    occurrenceKey: null,
    requestKey: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    completedAt: null,
    deletedAt: null,
    tags: [],
    reminders: [],
    subtasks: [],
    ...overrides,
  };
}
