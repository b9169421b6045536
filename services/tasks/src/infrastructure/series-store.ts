import type { Prisma, SeriesTemplate } from '../generated/prisma/client';
import type { Database, Tx } from './database';

/** Series templates (what each next occurrence of a series is copied from): persistence only. */
export class SeriesStore {
  constructor(private readonly db: Database) {}

  /** The user's series template, or null (a task in no series, or someone else's series). */
  find(tx: Tx, userId: string, seriesId: string): Promise<SeriesTemplate | null> {
    return tx.seriesTemplate.findFirst({ where: { seriesId, userId } });
  }

  async create(tx: Tx, template: Prisma.SeriesTemplateUncheckedCreateInput): Promise<void> {
    await tx.seriesTemplate.create({ data: template });
  }

  async update(tx: Tx, seriesId: string, changes: Prisma.SeriesTemplateUpdateInput): Promise<void> {
    await tx.seriesTemplate.update({ where: { seriesId }, data: changes });
  }

  /** The user's series templates (their export). */
  allOf(userId: string): Promise<SeriesTemplate[]> {
    return this.db.seriesTemplate.findMany({ where: { userId }, orderBy: { seriesId: 'asc' } });
  }

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.seriesTemplate.deleteMany({ where: { userId } });
  }
}
