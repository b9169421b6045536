import { z } from 'zod';
import { defineEvent } from '../define-event';
import { id, timestamp, userId } from './common';

const entryKey = (d: { entry: { id: string } }) => d.entry.id;
const key = (d: { entryId: string }) => d.entryId;
const keyRule = 'entryId';

/**
 * What journal events tell of an entry. Never its body: an entry is private writing, and
 * events are kept in Kafka, in outboxes and in audit's history. Consumers that need the text
 * (the journal's own analysis) read it from the journal's database.
 */
export const journalEntrySnapshot = z
  .object({
    id,
    userId,
    mood: z.number().int().min(1).max(5).nullable(),
    tags: z.array(z.string().min(1).max(40)).max(20),
    writtenAt: timestamp,
    /** The local day it was written on, in timeZone. */
    writtenOn: z.iso.date(),
    timeZone: z.string().min(1),
    wordCount: z.number().int().nonnegative(),
    version: z.number().int().positive(),
    deletedAt: timestamp.nullable(),
  })
  .strict();
export type JournalEntrySnapshot = z.infer<typeof journalEntrySnapshot>;

const exampleEntry: JournalEntrySnapshot = {
  id: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b',
  userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
  mood: 4,
  tags: ['walk'],
  writtenAt: '2026-11-22T21:00:00.000Z',
  writtenOn: '2026-11-22',
  timeZone: 'Europe/London',
  wordCount: 42,
  version: 1,
  deletedAt: null,
};

export const journalEntryCreated = defineEvent({
  type: 'daybook.journal.entry-created.v1',
  topic: 'journal-events',
  source: 'journal',
  description: 'A journal entry was written (without its text); triggers its analysis.',
  schema: z.object({ entry: journalEntrySnapshot }).strict(),
  partitionKey: entryKey,
  partitionKeyRule: keyRule,
  example: { entry: exampleEntry },
});

export const journalEntryUpdated = defineEvent({
  type: 'daybook.journal.entry-updated.v1',
  topic: 'journal-events',
  source: 'journal',
  description: 'A journal entry was edited (without its text); its analysis is made again for the new version.',
  schema: z.object({ before: journalEntrySnapshot, entry: journalEntrySnapshot }).strict(),
  partitionKey: entryKey,
  partitionKeyRule: keyRule,
  example: { before: exampleEntry, entry: { ...exampleEntry, mood: 5, version: 2 } },
});

export const journalEntryDeleted = defineEvent({
  type: 'daybook.journal.entry-deleted.v1',
  topic: 'journal-events',
  source: 'journal',
  description: 'A journal entry was deleted (restorable).',
  schema: z.object({ entry: journalEntrySnapshot }).strict(),
  partitionKey: entryKey,
  partitionKeyRule: keyRule,
  example: { entry: { ...exampleEntry, version: 2, deletedAt: '2026-11-23T08:00:00.000Z' } },
});

export const journalEntryRestored = defineEvent({
  type: 'daybook.journal.entry-restored.v1',
  topic: 'journal-events',
  source: 'journal',
  description: 'A deleted journal entry was restored.',
  schema: z.object({ entry: journalEntrySnapshot }).strict(),
  partitionKey: entryKey,
  partitionKeyRule: keyRule,
  example: { entry: { ...exampleEntry, version: 3 } },
});

export const journalEntryAnalyzed = defineEvent({
  type: 'daybook.journal.entry-analyzed.v2',
  topic: 'journal-events',
  source: 'journal',
  description:
    'The analysis of one version of an entry was stored: sentiment, themes and who made it. The summary and the suggestions stay in the journal (they quote the entry).',
  schema: z
    .object({
      insightId: id,
      entryId: id,
      userId,
      entryVersion: z.number().int().positive(),
      sentiment: z.number().min(-1).max(1),
      sentimentLabel: z.enum(['negative', 'neutral', 'positive']),
      themes: z.array(z.string()).max(10),
      provider: z.enum(['openai', 'ollama', 'local']),
      model: z.string(),
      durationMs: z.number().int().nonnegative(),
      analyzedAt: timestamp,
    })
    .strict(),
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    insightId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    entryId: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b',
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    entryVersion: 1,
    sentiment: 0.6,
    sentimentLabel: 'positive',
    themes: ['walk', 'rest'],
    provider: 'local',
    model: 'wink-eng-lite-web-model+vader',
    durationMs: 4,
    analyzedAt: '2026-11-22T21:00:02.000Z',
  },
});

export const journalTaskRequested = defineEvent({
  type: 'daybook.journal.task-requested.v1',
  topic: 'journal-events',
  source: 'journal',
  description:
    'A person turned a suggested follow-up of a journal entry into a task; the tasks service creates exactly one task per requestId, linked back to the entry.',
  schema: z
    .object({
      requestId: id,
      userId,
      entryId: id,
      title: z.string().min(1).max(500),
      /** Where the task came from, shown with it (a link back to the entry). */
      source: z.object({ kind: z.literal('journal-entry'), entryId: id, url: z.string().min(1).max(500) }).strict(),
      requestedAt: timestamp,
    })
    .strict(),
  partitionKey: key,
  partitionKeyRule: keyRule,
  example: {
    requestId: '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f',
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    entryId: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b',
    title: 'Call Sam about the trip',
    source: {
      kind: 'journal-entry',
      entryId: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b',
      url: '/#/journal?entry=3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b',
    },
    requestedAt: '2026-11-22T21:05:00.000Z',
  },
});
