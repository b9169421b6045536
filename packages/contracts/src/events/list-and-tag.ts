import { z } from 'zod';
import { defineEvent } from '../define-event';
import { id, timestamp, userId } from './common';

/**
 * A person's list or tag as other services and devices see it. Tasks refer to one by id;
 * a task's own events carry its tags' names too, so these events are for the sidebar (a
 * list or tag made, renamed, recoloured, moved in the order or deleted on another device)
 * and for the audit history.
 */
const organiser = z
  .object({
    id,
    userId,
    name: z.string().min(1).max(200),
    color: z.string().nullable(),
    /** Where the person put it in the sidebar (0 first; ties by name). */
    position: z.number().int().min(0),
    createdAt: timestamp,
  })
  .strict();

export const listSnapshot = organiser;
export type ListSnapshot = z.infer<typeof listSnapshot>;
export const tagSnapshot = organiser;
export type TagSnapshot = z.infer<typeof tagSnapshot>;

const exampleList: ListSnapshot = {
  id: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
  userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
  name: 'Garden',
  color: '#16a34a',
  position: 0,
  createdAt: '2026-11-22T09:00:00.000Z',
};
const exampleTag: TagSnapshot = { ...exampleList, id: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', name: 'home' };

const withList = z.object({ list: listSnapshot }).strict();
const listChange = z.object({ before: listSnapshot, list: listSnapshot }).strict();
const listKey = (d: { list: { id: string } }) => d.list.id;

export const listCreated = defineEvent({
  type: 'daybook.list.created.v1',
  topic: 'task-events',
  source: 'tasks',
  description: 'A person made a list (or an import made one for its tasks).',
  schema: withList,
  partitionKey: listKey,
  partitionKeyRule: 'list.id',
  example: { list: exampleList },
});

export const listUpdated = defineEvent({
  type: 'daybook.list.updated.v1',
  topic: 'task-events',
  source: 'tasks',
  description:
    'A list was renamed, recoloured or given another place in the sidebar (one event per list whose place changed); carries it before and after.',
  schema: listChange,
  partitionKey: listKey,
  partitionKeyRule: 'list.id',
  example: { before: exampleList, list: { ...exampleList, name: 'Garden and balcony' } },
});

export const listDeleted = defineEvent({
  type: 'daybook.list.deleted.v1',
  topic: 'task-events',
  source: 'tasks',
  description:
    'A person deleted a list. Its tasks stay, with no list: each has had its own task.updated event before this one.',
  schema: withList,
  partitionKey: listKey,
  partitionKeyRule: 'list.id',
  example: { list: exampleList },
});

const withTag = z.object({ tag: tagSnapshot }).strict();
const tagChange = z.object({ before: tagSnapshot, tag: tagSnapshot }).strict();
const tagKey = (d: { tag: { id: string } }) => d.tag.id;

export const tagCreated = defineEvent({
  type: 'daybook.tag.created.v1',
  topic: 'task-events',
  source: 'tasks',
  description: 'A person made a tag (or an import made one for its tasks).',
  schema: withTag,
  partitionKey: tagKey,
  partitionKeyRule: 'tag.id',
  example: { tag: exampleTag },
});

export const tagUpdated = defineEvent({
  type: 'daybook.tag.updated.v1',
  topic: 'task-events',
  source: 'tasks',
  description:
    'A tag was renamed, recoloured or given another place in the sidebar (one event per tag whose place changed); carries it before and after. A rename also gives each task with the tag a task.updated event.',
  schema: tagChange,
  partitionKey: tagKey,
  partitionKeyRule: 'tag.id',
  example: { before: exampleTag, tag: { ...exampleTag, color: '#f59e0b' } },
});

export const tagDeleted = defineEvent({
  type: 'daybook.tag.deleted.v1',
  topic: 'task-events',
  source: 'tasks',
  description:
    'A person deleted a tag. Each task that had it has had its own task.updated event (without the tag) before this one.',
  schema: withTag,
  partitionKey: tagKey,
  partitionKeyRule: 'tag.id',
  example: { tag: exampleTag },
});
