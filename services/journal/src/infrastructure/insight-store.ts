import { NotFound } from '@daybook/service-kit';
import type { InsightContent, StoredSuggestion } from '../domain/insight';
import type { Database, Tx } from './database';

export interface NewInsight {
  id: string;
  entryId: string;
  userId: string;
  entryVersion: number;
  content: InsightContent;
  suggestions: StoredSuggestion[];
  provider: string;
  model: string;
  durationMs: number;
}

/** Insights of entries (one per entry, its newest analysis): persistence only. */
export class InsightStore {
  constructor(private readonly db: Database) {}

  findForEntry(tx: Tx, entryId: string) {
    return tx.insight.findUnique({ where: { entryId } });
  }

  /** Replaces the entry's insight with this one. */
  async save(tx: Tx, insight: NewInsight) {
    const { content, suggestions, ...rest } = insight;
    const data = {
      ...rest,
      summary: content.summary,
      sentiment: content.sentiment,
      sentimentLabel: content.sentimentLabel,
      themes: content.themes,
      suggestions,
      createdAt: new Date(),
    };
    await tx.insight.deleteMany({ where: { entryId: insight.entryId } });
    return tx.insight.create({ data });
  }

  /** The user's insight, locked; NotFound for anyone else's. */
  async lock(tx: Tx, userId: string, id: string) {
    const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
      'SELECT id::text FROM insights WHERE id = $1::uuid AND user_id = $2::uuid FOR UPDATE',
      id,
      userId,
    );
    if (locked.length === 0) throw new NotFound('insight');
    return tx.insight.findUniqueOrThrow({ where: { id } });
  }

  async setSuggestions(tx: Tx, id: string, suggestions: StoredSuggestion[]): Promise<void> {
    await tx.insight.update({ where: { id }, data: { suggestions } });
  }

  async delete(tx: Tx, userId: string, id: string): Promise<void> {
    const { count } = await tx.insight.deleteMany({ where: { id, userId } });
    if (count === 0) throw new NotFound('insight');
  }

  /** The user's insights, newest first, each with the entry it came from. */
  list(userId: string, limit: number) {
    return this.db.insight.findMany({
      where: { userId, entry: { deletedAt: null } },
      include: { entry: true },
      orderBy: { createdAt: 'desc' },
      take: limit,
    });
  }
}
