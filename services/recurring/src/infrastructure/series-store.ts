import type { Series } from '../generated/prisma/client';
import type { SeriesShape } from '../domain/series-edit';
import type { Tx } from './database';

export type { Series };

/** A series as it starts: its first task is its template. */
export interface NewSeries {
  id: string;
  userId: string;
  rrule: string;
  mode: 'after-completion' | 'fixed-schedule';
  timeZone: string;
  startLocal: string;
  templateTaskId: string;
  lastLocal?: string;
  missedPolicy?: 'create' | 'skip';
  exdates?: string[];
}

/**
 * The series and their occurrence requests (tables `series` and `occurrence_requests`).
 * Persistence only; every method writes in the caller's transaction, so a change commits
 * with the inbox record of the event that caused it, and with the events it publishes.
 */
export class SeriesStore {
  find(tx: Tx, id: string): Promise<Series | null> {
    return tx.series.findUnique({ where: { id } });
  }

  /** Inserts the series, or returns the one already kept under its id, unchanged. */
  findOrInsert(tx: Tx, series: NewSeries): Promise<Series> {
    return tx.series.upsert({ where: { id: series.id }, create: series, update: {} });
  }

  insert(tx: Tx, series: NewSeries): Promise<Series> {
    return tx.series.create({ data: series });
  }

  /** The task the next occurrence is copied from; nothing when there is no such series. */
  async setTemplate(tx: Tx, seriesId: string, templateTaskId: string): Promise<void> {
    await tx.series.updateMany({ where: { id: seriesId }, data: { templateTaskId } });
  }

  reshape(tx: Tx, seriesId: string, shape: SeriesShape): Promise<Series> {
    return tx.series.update({ where: { id: seriesId }, data: shape });
  }

  async markStopped(tx: Tx, seriesId: string, at: Date): Promise<void> {
    await tx.series.update({ where: { id: seriesId }, data: { stoppedAt: at } });
  }

  /** Fixed schedule: the local time of the latest occurrence requested. */
  async setLastLocal(tx: Tx, seriesId: string, lastLocal: string): Promise<void> {
    await tx.series.update({ where: { id: seriesId }, data: { lastLocal } });
  }

  /**
   * Records a request for one occurrence and counts it in its series. False, and nothing
   * written, when its occurrence key (or, after completion, its source task) was requested
   * before: this is what makes every request idempotent.
   */
  async recordRequest(
    tx: Tx,
    request: { occurrenceKey: string; seriesId: string; sourceTaskId: string | null; dueLocal: string },
  ): Promise<boolean> {
    const inserted = await tx.$executeRawUnsafe(
      `INSERT INTO occurrence_requests (occurrence_key, series_id, source_task_id, due_local)
       VALUES ($1, $2::uuid, $3::uuid, $4) ON CONFLICT DO NOTHING`,
      request.occurrenceKey,
      request.seriesId,
      request.sourceTaskId,
      request.dueLocal,
    );
    if (inserted === 0) return false;
    await tx.series.update({ where: { id: request.seriesId }, data: { occurrencesCreated: { increment: 1 } } });
    return true;
  }

  listOfUser(tx: Tx, userId: string): Promise<{ id: string; mode: string }[]> {
    return tx.series.findMany({ where: { userId }, select: { id: true, mode: true } });
  }

  /** Deletes the user's series (their requests go with them: ON DELETE CASCADE). */
  async deleteOfUser(tx: Tx, userId: string): Promise<void> {
    await tx.series.deleteMany({ where: { userId } });
  }
}
