import { NotFound } from '@daybook/service-kit';
import type { ScheduledReminder } from '../generated/prisma/client';
import type { Scheduling } from '../domain/reconciliation';
import type { Database, Tx } from './database';

export type ReminderRow = ScheduledReminder;

/** The task a scheduling belongs to, as the row keeps it. */
export interface TaskCopy {
  id: string;
  userId: string;
  title: string;
  dueAt: Date | null;
}

const key = (taskId: string, reminderId: string) => ({ taskId_reminderId: { taskId, reminderId } });

/**
 * The scheduled_reminders table: one row per reminder of a task, with its current
 * scheduling (fire time and generation) and what became of it. Persistence only.
 */
export class ReminderStore {
  constructor(private readonly db: Database) {}

  /** Runs `work` in one database transaction. */
  transaction<R>(work: (tx: Tx) => Promise<R>): Promise<R> {
    return this.db.$transaction(work);
  }

  /** Every reminder held for a task. */
  ofTask(tx: Tx, taskId: string): Promise<ReminderRow[]> {
    return tx.scheduledReminder.findMany({ where: { taskId } });
  }

  async retitle(tx: Tx, taskId: string, reminderId: string, taskTitle: string): Promise<void> {
    await tx.scheduledReminder.update({ where: key(taskId, reminderId), data: { taskTitle } });
  }

  async remove(tx: Tx, taskId: string, reminderId: string): Promise<void> {
    await tx.scheduledReminder.delete({ where: key(taskId, reminderId) });
  }

  /** Marks a reminder cancelled: it stays listed as such, and is not fired. */
  async expire(tx: Tx, taskId: string, reminderId: string): Promise<void> {
    await tx.scheduledReminder.update({ where: key(taskId, reminderId), data: { status: 'cancelled' } });
  }

  /** Records a new scheduling of a reminder (creating its row on the first). */
  async saveScheduling(tx: Tx, task: TaskCopy, scheduling: Scheduling): Promise<void> {
    const fields = {
      taskTitle: task.title,
      dueAt: task.dueAt,
      fireAt: scheduling.fireAt,
      generation: scheduling.generation,
    };
    await tx.scheduledReminder.upsert({
      where: key(task.id, scheduling.reminderId),
      create: { taskId: task.id, reminderId: scheduling.reminderId, userId: task.userId, ...fields },
      update: { ...fields, status: 'scheduled', firedAt: null, snoozedFrom: null },
    });
  }

  /** A user's reminders that are waiting to fire. */
  scheduledOfUser(tx: Tx, userId: string): Promise<ReminderRow[]> {
    return tx.scheduledReminder.findMany({ where: { userId, status: 'scheduled' } });
  }

  async removeAllOfUser(tx: Tx, userId: string): Promise<void> {
    await tx.scheduledReminder.deleteMany({ where: { userId } });
  }

  /** One of the user's reminders; NotFound if there is none (or it is someone else's). */
  async ownedBy(tx: Tx, userId: string, taskId: string, reminderId: string): Promise<ReminderRow> {
    const row = await tx.scheduledReminder.findFirst({ where: { taskId, reminderId, userId } });
    if (!row) throw new NotFound('reminder');
    return row;
  }

  /**
   * Snoozes a reminder: waiting again at `until` under a new generation, remembering the time
   * the task asked for (`snoozedFrom`) so that later edits of the task keep the snooze.
   */
  snooze(
    tx: Tx,
    row: Pick<ReminderRow, 'taskId' | 'reminderId' | 'fireAt' | 'snoozedFrom'>,
    until: Date,
    generation: number,
  ): Promise<ReminderRow> {
    return tx.scheduledReminder.update({
      where: key(row.taskId, row.reminderId),
      data: {
        fireAt: until,
        generation,
        status: 'scheduled',
        firedAt: null,
        snoozedFrom: row.snoozedFrom ?? row.fireAt,
      },
    });
  }

  /**
   * Moves one scheduling from waiting to fired, atomically: of two concurrent claims of the
   * same scheduling, only one gets the row; a claim of an outdated generation gets none.
   */
  async claim(tx: Tx, scheduling: { taskId: string; reminderId: string; generation: number }, firedAt: Date) {
    const { taskId, reminderId, generation } = scheduling;
    const claimed = await tx.scheduledReminder.updateMany({
      where: { taskId, reminderId, generation, status: 'scheduled' },
      data: { status: 'fired', firedAt },
    });
    if (claimed.count === 0) return undefined;
    return tx.scheduledReminder.findUniqueOrThrow({ where: key(taskId, reminderId) });
  }

  /** A user's reminders (of one task, if given), waiting or fired, soonest first. */
  list(userId: string, taskId?: string): Promise<ReminderRow[]> {
    return this.db.scheduledReminder.findMany({
      where: { userId, ...(taskId ? { taskId } : {}), status: { not: 'cancelled' } },
      orderBy: { fireAt: 'asc' },
      take: 200,
    });
  }
}
