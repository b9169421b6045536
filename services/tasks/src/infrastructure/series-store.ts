import type { Prisma, SeriesTemplate } from '../generated/prisma/client';
import type { Database, Tx } from './database';
import { insertRow, selectList, updateRows } from './rows';

const TEMPLATE_FIELDS = [
  'seriesId',
  'userId',
  'title',
  'notes',
  'priority',
  'listId',
  'tagIds',
  'reminderMinutes',
  'recurrenceRule',
  'recurrenceMode',
  'recurrenceMissed',
  'recurrenceExdates',
  'latestTaskId',
  'updatedAt',
] as const satisfies readonly (keyof SeriesTemplate)[];

/** Series templates (what each next occurrence of a series is copied from): persistence only. */
export class SeriesStore {
  constructor(private readonly db: Database) {}

  /** The user's series template, or null (a task in no series, or someone else's series). */
  async find(tx: Tx, userId: string, seriesId: string): Promise<SeriesTemplate | null> {
    const [row] = await tx.$queryRawUnsafe<SeriesTemplate[]>(
      `SELECT ${selectList(TEMPLATE_FIELDS)} FROM series_templates WHERE series_id = $1::uuid AND user_id = $2::uuid`,
      seriesId,
      userId,
    );
    return row ?? null;
  }

  async create(tx: Tx, template: Prisma.SeriesTemplateUncheckedCreateInput): Promise<void> {
    await insertRow(tx, 'series_templates', template);
  }

  async update(tx: Tx, seriesId: string, changes: Prisma.SeriesTemplateUpdateInput): Promise<void> {
    await updateRows(tx, 'series_templates', { seriesId }, changes);
  }

  /** The user's series templates (their export). */
  allOf(userId: string): Promise<SeriesTemplate[]> {
    return this.db.prisma.seriesTemplate.findMany({ where: { userId }, orderBy: { seriesId: 'asc' } });
  }

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.$executeRawUnsafe('DELETE FROM series_templates WHERE user_id = $1::uuid', userId);
  }
}
