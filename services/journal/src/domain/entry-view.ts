import type { JournalEntrySnapshot } from '@daybook/contracts';
import type { Entry, Insight } from '../generated/prisma/client';
import { storedSuggestions } from './insight';
import { wordCount } from './markdown';

export type EntryRecord = Entry;
export type InsightRecord = Insight;

/** An entry as its events show it: everything but the text. */
export function toSnapshot(entry: EntryRecord): JournalEntrySnapshot {
  return {
    id: entry.id,
    userId: entry.userId,
    mood: entry.mood,
    tags: entry.tags,
    writtenAt: entry.writtenAt.toISOString(),
    writtenOn: entry.writtenOn,
    timeZone: entry.timeZone,
    wordCount: wordCount(entry.body),
    version: entry.version,
    deletedAt: entry.deletedAt?.toISOString() ?? null,
  };
}

/** An insight as the API shows it, with the entry it came from. */
export function toInsightView(insight: InsightRecord) {
  return {
    id: insight.id,
    entryId: insight.entryId,
    entryVersion: insight.entryVersion,
    summary: insight.summary,
    sentiment: insight.sentiment,
    sentimentLabel: insight.sentimentLabel,
    themes: insight.themes,
    suggestions: storedSuggestions.parse(insight.suggestions),
    provider: insight.provider,
    model: insight.model,
    durationMs: insight.durationMs,
    createdAt: insight.createdAt.toISOString(),
  };
}
export type InsightView = ReturnType<typeof toInsightView>;

/** An entry as the API shows it to its owner: the text and its current insight. */
export function toEntryView(entry: EntryRecord & { insight?: InsightRecord | null }) {
  return {
    ...toSnapshot(entry),
    body: entry.body,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
    insight: entry.insight ? toInsightView(entry.insight) : null,
  };
}
export type EntryView = ReturnType<typeof toEntryView>;
