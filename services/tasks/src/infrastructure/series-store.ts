import type { Prisma, SeriesTemplate } from '../generated/prisma/client';
import type { Tx } from './database';

/** Series templates (what each next occurrence of a series is copied from): persistence only. */
export class SeriesStore {
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

  async deleteAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.seriesTemplate.deleteMany({ where: { userId } });
  }
}
