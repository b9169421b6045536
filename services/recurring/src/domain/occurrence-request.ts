import type { EventData, occurrenceRequested } from '@daybook/contracts';
import type { Occurrence } from './next-occurrence';
import { dueOf } from './series-rule';

/** One occurrence asked of tasks: the row that makes it unique, and the event that asks. */
export interface OccurrenceRequest {
  /** Unique: a series has one occurrence per key, whoever asks and however often. */
  occurrenceKey: string;
  seriesId: string;
  /** After completion: the completed task this is the successor of (one per task). */
  sourceTaskId: string | null;
  dueLocal: string;
  event: EventData<typeof occurrenceRequested>;
}

/**
 * The request for one occurrence of a series. After completion each completed task has one
 * successor, keyed by that task, so completing an occurrence ahead of its day (next date =
 * its own) still continues the series. A fixed schedule has one occurrence per date.
 */
export function occurrenceRequest(
  series: { id: string; userId: string; templateTaskId: string; timeZone: string },
  occurrence: Occurrence,
  opts: { sourceTaskId: string | null; dateOnly: boolean },
): OccurrenceRequest {
  const occurrenceKey = opts.sourceTaskId
    ? `${series.id}:after:${opts.sourceTaskId}`
    : `${series.id}:${occurrence.local}`;
  return {
    occurrenceKey,
    seriesId: series.id,
    sourceTaskId: opts.sourceTaskId,
    dueLocal: occurrence.local,
    event: {
      seriesId: series.id,
      userId: series.userId,
      templateTaskId: series.templateTaskId,
      occurrenceKey,
      due: dueOf(occurrence.local, { timeZone: series.timeZone, dateOnly: opts.dateOnly }),
      dueAt: occurrence.at.toISOString(),
      timeZone: series.timeZone,
    },
  };
}
