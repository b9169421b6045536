import { reminderDue, type TaskSnapshot } from '@daybook/contracts';
import { conflict, dueTimeAt, jobName, notFound, type ServiceKit } from '@daybook/service-kit';
import { desiredReminders, parseReminderJobId, reminderJobId } from '../domain/desired-reminders';
import type { Tx } from './database';
import { reminderMetrics } from './reminder-metrics';

export const REMINDER_JOB = 'reminder';

/**
 * Keeps one Dapr job per pending reminder in step with the task it belongs to. Every
 * (re)scheduling bumps a generation that is part of the job name, so a trigger of an
 * outdated job, or a second delivery of the same trigger, publishes nothing.
 */
export class ReminderScheduler {
  private readonly metrics;

  constructor(private readonly kit: ServiceKit) {
    this.metrics = reminderMetrics(kit);
  }

  /** Any task event: reconcile its scheduled reminders with what it now asks for. */
  async reconcile(tx: Tx, task: TaskSnapshot): Promise<void> {
    const desired = new Map(desiredReminders(task).map((r) => [r.reminderId, r]));
    const live = task.status === 'open' && !task.deletedAt;
    const onTask = new Set(live ? task.reminders.map((r) => r.id) : []);
    const key = (reminderId: string) => ({ taskId_reminderId: { taskId: task.id, reminderId } });
    for (const row of await tx.scheduledReminder.findMany({ where: { taskId: task.id } })) {
      const want = desired.get(row.reminderId);
      if (want && row.status === 'scheduled' && row.fireAt.getTime() === want.fireAt.getTime()) {
        desired.delete(row.reminderId); // already waiting at the right time
        if (row.taskTitle !== task.title)
          await tx.scheduledReminder.update({ where: key(row.reminderId), data: { taskTitle: task.title } });
        continue;
      }
      if (row.status === 'scheduled') {
        await this.kit.sidecar.deleteJob(jobName(REMINDER_JOB, reminderJobId(task.id, row.reminderId, row.generation)));
        this.metrics.jobs.inc({ event: 'cancelled' });
      }
      if (!onTask.has(row.reminderId)) {
        // Removed from the task, or the task is done or deleted.
        await tx.scheduledReminder.delete({ where: key(row.reminderId) });
      } else if (!want && row.status === 'scheduled') {
        // Still on the task, but its moment is now in the past: it will not fire late.
        await tx.scheduledReminder.update({ where: key(row.reminderId), data: { status: 'cancelled' } });
      }
    }
    const existing = new Map(
      (await tx.scheduledReminder.findMany({ where: { taskId: task.id } })).map((r) => [r.reminderId, r]),
    );
    for (const want of desired.values()) {
      const generation = (existing.get(want.reminderId)?.generation ?? 0) + 1;
      const fields = {
        taskTitle: task.title,
        dueAt: task.dueAt ? new Date(task.dueAt) : null,
        fireAt: want.fireAt,
        generation,
      };
      await tx.scheduledReminder.upsert({
        where: key(want.reminderId),
        create: { taskId: task.id, reminderId: want.reminderId, userId: task.userId, ...fields },
        update: { ...fields, status: 'scheduled', firedAt: null },
      });
      await this.schedule(task.id, want.reminderId, generation, want.fireAt);
    }
  }

  /** An account was deleted: cancel every job of its reminders and drop their rows. */
  async forgetUser(tx: Tx, userId: string): Promise<void> {
    for (const row of await tx.scheduledReminder.findMany({ where: { userId, status: 'scheduled' } })) {
      await this.kit.sidecar.deleteJob(
        jobName(REMINDER_JOB, reminderJobId(row.taskId, row.reminderId, row.generation)),
      );
      this.metrics.jobs.inc({ event: 'cancelled' });
    }
    await tx.scheduledReminder.deleteMany({ where: { userId } });
  }

  /** Snooze: fire this reminder again at `until`. */
  async snooze(tx: Tx, userId: string, taskId: string, reminderId: string, until: Date) {
    const row = await tx.scheduledReminder.findFirst({ where: { taskId, reminderId, userId } });
    if (!row) throw notFound('reminder');
    if (row.status === 'cancelled') throw conflict('the reminder was cancelled (its task is done or deleted)');
    if (row.status === 'scheduled') {
      await this.kit.sidecar.deleteJob(jobName(REMINDER_JOB, reminderJobId(taskId, reminderId, row.generation)));
    }
    const generation = row.generation + 1;
    const updated = await tx.scheduledReminder.update({
      where: { taskId_reminderId: { taskId, reminderId } },
      data: { fireAt: until, generation, status: 'scheduled', firedAt: null },
    });
    await this.schedule(taskId, reminderId, generation, until);
    return updated;
  }

  /** A trigger from the Scheduler: publish reminder.due once, if it is still current. */
  async fire(tx: Tx, jobId: string, now = new Date()): Promise<void> {
    const ids = parseReminderJobId(jobId);
    if (!ids) return;
    // Claim it atomically: of two deliveries of one trigger, only one moves it to fired.
    const claimed = await tx.scheduledReminder.updateMany({
      where: { taskId: ids.taskId, reminderId: ids.reminderId, generation: ids.generation, status: 'scheduled' },
      data: { status: 'fired', firedAt: now },
    });
    if (claimed.count === 0) {
      this.metrics.jobs.inc({ event: 'stale' });
      return;
    }
    const row = await tx.scheduledReminder.findUniqueOrThrow({
      where: { taskId_reminderId: { taskId: ids.taskId, reminderId: ids.reminderId } },
    });
    await this.kit.publish(tx, reminderDue, {
      reminderId: row.reminderId,
      userId: row.userId,
      taskId: row.taskId,
      taskTitle: row.taskTitle,
      dueAt: row.dueAt?.toISOString() ?? null,
      firedAt: now.toISOString(),
    });
    this.metrics.jobs.inc({ event: 'fired' });
    this.metrics.delay.observe(Math.max(0, now.getTime() - row.fireAt.getTime()) / 1000);
  }

  private async schedule(taskId: string, reminderId: string, generation: number, fireAt: Date) {
    await this.kit.sidecar.scheduleJob(jobName(REMINDER_JOB, reminderJobId(taskId, reminderId, generation)), {
      dueTime: dueTimeAt(fireAt),
      data: { taskId, reminderId, generation },
      overwrite: true,
      failurePolicy: { constant: { interval: '2s', maxRetries: 30 } },
    });
    this.metrics.jobs.inc({ event: 'scheduled' });
  }
}
