import { occurrenceRequested, type TaskSnapshot } from '@daybook/contracts';
import type { Logger, ServiceKit } from '@daybook/service-kit';
import { nextAfterCompletion } from '../domain/next-occurrence';
import { occurrenceRequest } from '../domain/occurrence-request';
import { countReached, ruleOfSeries, seriesRuleOf } from '../domain/series-rule';
import type { Tx } from '../infrastructure/database';
import type { SeriesStore } from '../infrastructure/series-store';

export interface RequestNextOccurrenceDeps {
  store: SeriesStore;
  publish: ServiceKit['publish'];
  log: Logger;
}

/**
 * An "after completion" task was completed: ask tasks for its one successor, due at the
 * series' time of day on the first date of the rule after the completion. The request is
 * unique per completed task and written in the caller's transaction (with the inbox
 * record), so a redelivered completion, a completion undone and redone, or two completions
 * at once never yield a second one.
 */
export class RequestNextOccurrence {
  constructor(private readonly deps: RequestNextOccurrenceDeps) {}

  async execute(task: TaskSnapshot, tx: Tx): Promise<void> {
    const { store, publish, log } = this.deps;
    const rule = seriesRuleOf(task);
    if (!rule || !task.recurrence || task.recurrence.mode !== 'after-completion' || !task.completedAt) return;
    const seriesId = task.seriesId ?? task.id;
    const series =
      (await store.find(tx, seriesId)) ??
      (await store.insert(tx, {
        id: seriesId,
        userId: task.userId,
        rrule: rule.rrule,
        mode: 'after-completion',
        timeZone: rule.timeZone,
        startLocal: rule.start,
        templateTaskId: task.id,
      }));
    if (series.stoppedAt) return;
    // The series' rule, zone and time of day: an occurrence moved on its own ("this
    // occurrence only") does not move the ones after it.
    const next = nextAfterCompletion(ruleOfSeries(series), new Date(task.completedAt));
    if (!next || countReached(rule.rrule, series.occurrencesCreated)) {
      log.info({ seriesId, taskId: task.id }, 'series has ended: no next occurrence');
      return;
    }
    const request = occurrenceRequest(series, next, { sourceTaskId: task.id, dateOnly: rule.dateOnly });
    if (!(await store.recordRequest(tx, request))) {
      log.info({ seriesId, occurrenceKey: request.occurrenceKey }, 'occurrence already requested');
      return;
    }
    await publish(tx, occurrenceRequested, request.event);
  }
}
