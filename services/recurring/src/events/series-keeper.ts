import { occurrenceRequested, type SeriesScope, type TaskSnapshot } from '@daybook/contracts';
import { dueTimeAt, jobName, type ServiceKit, type SqlExecutor } from '@daybook/service-kit';
import { instant, nextAfterCompletion, timeOfDay, type Occurrence } from '../domain/next-occurrence';
import { fixedSchedulePlan } from '../domain/series-plan';
import { dueOf, seriesRuleOf } from '../domain/series-rule';
import type { Tx } from '../infrastructure/database';

export const SERIES_JOB = 'series';

type SeriesRow = NonNullable<Awaited<ReturnType<Tx['series']['findUnique']>>>;

/**
 * Keeps each series and asks tasks for its occurrences. Every request is written with a
 * unique occurrence key (and, after completion, a unique source task), in the same
 * transaction as the inbox record: a redelivered completion, a completion undone and redone,
 * or two completions at once can never yield two next occurrences.
 */
export class SeriesKeeper {
  constructor(private readonly kit: ServiceKit) {}

  async onTaskCreated(task: TaskSnapshot, sql: SqlExecutor): Promise<void> {
    const tx = sql as Tx;
    if (task.seriesId) {
      // An occurrence tasks created for us: it is the template of the next one.
      await tx.series.updateMany({ where: { id: task.seriesId }, data: { templateTaskId: task.id } });
      return;
    }
    const rule = seriesRuleOf(task);
    if (!rule || !task.recurrence) return;
    const series = await tx.series.upsert({
      where: { id: task.id },
      create: {
        id: task.id,
        userId: task.userId,
        rrule: rule.rrule,
        mode: task.recurrence.mode,
        timeZone: rule.timeZone,
        startLocal: rule.start,
        templateTaskId: task.id,
        lastLocal: rule.start,
        missedPolicy: task.recurrence.missed ?? 'create',
        exdates: rule.exdates ?? [],
      },
      update: {},
    });
    if (series.mode === 'fixed-schedule') await this.scheduleNext(series, rule.start);
  }

  async onTaskCompleted(task: TaskSnapshot, sql: SqlExecutor): Promise<void> {
    const tx = sql as Tx;
    if (!task.recurrence || task.recurrence.mode !== 'after-completion' || !task.completedAt) return;
    const rule = seriesRuleOf(task)!;
    const seriesId = task.seriesId ?? task.id;
    const series =
      (await tx.series.findUnique({ where: { id: seriesId } })) ??
      (await tx.series.create({
        data: {
          id: seriesId,
          userId: task.userId,
          rrule: rule.rrule,
          mode: 'after-completion',
          timeZone: rule.timeZone,
          startLocal: rule.start,
          templateTaskId: task.id,
        },
      }));
    if (series.stoppedAt) return;
    // The series' rule, zone and time of day: an occurrence moved on its own ("this
    // occurrence only") does not move the ones after it.
    const next = nextAfterCompletion(
      { rrule: series.rrule, timeZone: series.timeZone, start: series.startLocal, exdates: series.exdates },
      new Date(task.completedAt),
    );
    const count = /(^|;)COUNT=(\d+)/.exec(rule.rrule)?.[2];
    if (!next || (count && series.occurrencesCreated >= Number(count))) {
      this.kit.log.info({ seriesId, taskId: task.id }, 'series has ended: no next occurrence');
      return;
    }
    await this.request(tx, series, task.id, next, { sourceTaskId: task.id, dateOnly: rule.dateOnly });
  }

  /**
   * A "this and future" edit of the series' latest task reshapes the series: a new rule or
   * due time is its new start; removing the rule (or deleting the task) stops it. Edits of
   * older occurrences, and "this occurrence only" edits, touch only themselves.
   */
  async onTaskChanged(task: TaskSnapshot, sql: SqlExecutor, scope?: SeriesScope): Promise<void> {
    if (scope === 'this') return;
    const tx = sql as Tx;
    const series = await tx.series.findUnique({ where: { id: task.seriesId ?? task.id } });
    if (!series || series.templateTaskId !== task.id || series.stoppedAt) return;
    const rule = seriesRuleOf(task);
    if (!rule || !task.recurrence || task.deletedAt) {
      await tx.series.update({ where: { id: series.id }, data: { stoppedAt: new Date() } });
      if (series.mode === 'fixed-schedule') await this.kit.sidecar.deleteJob(jobName(SERIES_JOB, series.id));
      this.kit.log.info({ seriesId: series.id }, 'series stopped');
      return;
    }
    const missed = task.recurrence.missed ?? 'create';
    const exdates = rule.exdates ?? [];
    const changed =
      rule.rrule !== series.rrule ||
      task.recurrence.mode !== series.mode ||
      rule.timeZone !== series.timeZone ||
      missed !== series.missedPolicy ||
      exdates.join() !== series.exdates.join();
    // Fixed schedule: the occurrence moved. After completion: its time of day did.
    const moved =
      series.mode === 'fixed-schedule'
        ? rule.start !== series.lastLocal
        : timeOfDay(rule.start) !== timeOfDay(series.startLocal);
    if (!changed && !moved) return;
    // The edited task is the new start of the rest of the series.
    const updated = await tx.series.update({
      where: { id: series.id },
      data: {
        rrule: rule.rrule,
        mode: task.recurrence.mode,
        timeZone: rule.timeZone,
        startLocal: rule.start,
        lastLocal: rule.start,
        missedPolicy: missed,
        exdates,
      },
    });
    if (series.mode === 'fixed-schedule' && updated.mode !== 'fixed-schedule') {
      await this.kit.sidecar.deleteJob(jobName(SERIES_JOB, series.id));
    }
    if (updated.mode === 'fixed-schedule') await this.scheduleNext(updated, rule.start);
  }

  async onUserDeleted(userId: string, sql: SqlExecutor): Promise<void> {
    const tx = sql as Tx;
    const series = await tx.series.findMany({ where: { userId }, select: { id: true, mode: true } });
    for (const s of series)
      if (s.mode === 'fixed-schedule') await this.kit.sidecar.deleteJob(jobName(SERIES_JOB, s.id));
    await tx.series.deleteMany({ where: { userId } });
  }

  /** The fixed-schedule job fired: request what is due and schedule the next trigger. */
  async onScheduleDue(seriesId: string, tx: Tx, now = new Date()): Promise<void> {
    const series = await tx.series.findUnique({ where: { id: seriesId } });
    if (!series || series.stoppedAt) return;
    const rule = { rrule: series.rrule, timeZone: series.timeZone, start: series.startLocal, exdates: series.exdates };
    const plan = fixedSchedulePlan(
      rule,
      series.lastLocal ?? series.startLocal,
      series.missedPolicy as 'create' | 'skip',
      now,
    );
    const dateOnly = series.startLocal.endsWith('T00:00:00');
    for (const occurrence of plan.request) {
      await this.request(tx, series, null, occurrence, { dateOnly });
    }
    const last = plan.request[plan.request.length - 1];
    if (last) await tx.series.update({ where: { id: seriesId }, data: { lastLocal: last.local } });
    if (last) await this.scheduleNext(series, last.local);
  }

  private async request(
    tx: Tx,
    series: SeriesRow,
    sourceTaskId: string | null,
    occurrence: Occurrence,
    opts: { sourceTaskId?: string; dateOnly: boolean },
  ): Promise<void> {
    // After completion, each completed task has one successor: keyed by that task, so
    // completing an occurrence ahead of its day (next date = its own) still continues the
    // series. A fixed schedule has one occurrence per date.
    const occurrenceKey = sourceTaskId ? `${series.id}:after:${sourceTaskId}` : `${series.id}:${occurrence.local}`;
    const inserted = await tx.$executeRawUnsafe(
      `INSERT INTO occurrence_requests (occurrence_key, series_id, source_task_id, due_local)
       VALUES ($1, $2::uuid, $3::uuid, $4) ON CONFLICT DO NOTHING`,
      occurrenceKey,
      series.id,
      sourceTaskId,
      occurrence.local,
    );
    if (inserted === 0) {
      this.kit.log.info({ seriesId: series.id, occurrenceKey }, 'occurrence already requested');
      return;
    }
    await tx.series.update({ where: { id: series.id }, data: { occurrencesCreated: { increment: 1 } } });
    await this.kit.publish(tx, occurrenceRequested, {
      seriesId: series.id,
      userId: series.userId,
      templateTaskId: series.templateTaskId,
      occurrenceKey,
      due: dueOf(occurrence.local, { timeZone: series.timeZone, dateOnly: opts.dateOnly }),
      dueAt: occurrence.at.toISOString(),
      timeZone: series.timeZone,
    });
  }

  /** One Dapr job per fixed-schedule series, due when the latest occurrence is due. */
  private async scheduleNext(series: SeriesRow, afterLocal: string): Promise<void> {
    const at = instant(afterLocal, series.timeZone);
    await this.kit.sidecar.scheduleJob(jobName(SERIES_JOB, series.id), {
      dueTime: dueTimeAt(at),
      data: { seriesId: series.id },
      overwrite: true,
      failurePolicy: { constant: { interval: '5s', maxRetries: 20 } },
    });
  }
}
