import { z } from 'zod';
import { defineEvent } from '../define-event';
import { id, timestamp, userId } from './common';

const key = (d: { entryId: string }) => d.entryId;

export const journalEntryWritten = defineEvent({
  type: 'daybook.journal.entry-written.v1',
  topic: 'journal-events',
  source: 'journal',
  description: 'A journal entry was created or edited; triggers its AI analysis.',
  schema: z.object({ entryId: id, userId, version: z.number().int().positive(), writtenAt: timestamp }).strict(),
  partitionKey: key,
  partitionKeyRule: 'entryId',
  example: {
    entryId: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b',
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    version: 1,
    writtenAt: '2026-11-22T21:00:00.000Z',
  },
});

export const journalEntryAnalyzed = defineEvent({
  type: 'daybook.journal.analyzed.v1',
  topic: 'journal-events',
  source: 'journal',
  description: 'An AI analysis of a journal entry is ready.',
  schema: z
    .object({
      entryId: id,
      userId,
      version: z.number().int().positive(),
      summary: z.string(),
      mood: z.number().min(-1).max(1),
      themes: z.array(z.string()),
      provider: z.string(),
      analyzedAt: timestamp,
    })
    .strict(),
  partitionKey: key,
  partitionKeyRule: 'entryId',
  example: {
    entryId: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b',
    userId: '0b6c1c84-6d2f-4d8e-9d6e-2a4f6b1f9a10',
    version: 1,
    summary: 'A calm day with a long walk.',
    mood: 0.6,
    themes: ['rest', 'outdoors'],
    provider: 'local',
    analyzedAt: '2026-11-22T21:00:02.000Z',
  },
});
