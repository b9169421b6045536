import { randomUUID } from 'node:crypto';
import { journalEntryAnalyzed } from '@daybook/contracts';
import { plainText } from '../domain/markdown';
import type { Tx } from '../infrastructure/database';
import type { EntryStore } from '../infrastructure/entry-store';
import type { InsightStore } from '../infrastructure/insight-store';
import type { Publish } from '../infrastructure/outbox';
import type { SettingsStore } from '../infrastructure/settings-store';
import type { ChainResult, ProviderChain } from '../infrastructure/ai/provider-chain';

export type AnalysisOutcome =
  | { stored: true; insightId: string; result: ChainResult }
  | { stored: false; reason: 'gone' | 'stale' | 'already-analysed'; result?: ChainResult };

/**
 * Analyses one version of an entry (after its created or updated event, in that event's
 * transaction): through the provider chain — remote providers only if the owner opted in —
 * then stores the insight in place of the entry's previous one. An analysis whose entry was
 * edited or deleted meanwhile is discarded, never stored: the newer version's event brings
 * its own.
 */
export function analyzeEntry(deps: {
  entries: Pick<EntryStore, 'findById' | 'lockById'>;
  insights: Pick<InsightStore, 'findForEntry' | 'save'>;
  settings: Pick<SettingsStore, 'of'>;
  chain: Pick<ProviderChain, 'analyze'>;
  publish: Publish;
}) {
  const { entries, insights, settings, chain, publish } = deps;
  return async (tx: Tx, entryId: string, version: number): Promise<AnalysisOutcome> => {
    const entry = await entries.findById(tx, entryId);
    if (!entry || entry.deletedAt) return { stored: false, reason: 'gone' };
    if (entry.version !== version) return { stored: false, reason: 'stale' };
    // A replayed event of a version already analysed changes nothing: its suggestions keep
    // their ids, and those already turned into tasks stay so (no second task).
    const previous = await insights.findForEntry(tx, entryId);
    if (previous && previous.entryVersion >= version) return { stored: false, reason: 'already-analysed' };
    const { cloudAi } = await settings.of(tx, entry.userId);
    const result = await chain.analyze({ text: plainText(entry.body), mood: entry.mood, tags: entry.tags }, cloudAi);

    // The entry may have changed while the providers were thinking: check again, locked.
    const current = await entries.lockById(tx, entryId);
    if (!current || current.deletedAt) return { stored: false, reason: 'gone', result };
    if (current.version !== version) return { stored: false, reason: 'stale', result };
    const existing = await insights.findForEntry(tx, entryId);
    if (existing && existing.entryVersion >= version) return { stored: false, reason: 'already-analysed', result };

    const insight = await insights.save(tx, {
      id: randomUUID(),
      entryId,
      userId: entry.userId,
      entryVersion: version,
      content: result.content,
      suggestions: result.content.suggestions.map((text) => ({ id: randomUUID(), text, taskRequestId: null })),
      provider: result.provider,
      model: result.model,
      durationMs: result.durationMs,
    });
    await publish(
      tx,
      journalEntryAnalyzed,
      {
        insightId: insight.id,
        entryId,
        userId: entry.userId,
        entryVersion: version,
        sentiment: insight.sentiment,
        sentimentLabel: result.content.sentimentLabel,
        themes: insight.themes,
        provider: result.provider,
        model: result.model,
        durationMs: result.durationMs,
        analyzedAt: insight.createdAt.toISOString(),
      },
      { subject: entryId },
    );
    return { stored: true, insightId: insight.id, result };
  };
}
export type AnalyzeEntry = ReturnType<typeof analyzeEntry>;
