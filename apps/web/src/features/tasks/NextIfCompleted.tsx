import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Task } from '../../api/types';
import { dayLabel, timeLabel } from '../../lib/dates';

/**
 * For an open task repeating after completion: when the next one will be due if it is
 * completed now, computed by the recurring service exactly as the series will compute it.
 */
export function NextIfCompleted({ task, timeZone }: { task: Task; timeZone: string }) {
  const [text, setText] = useState<string | null>(null);
  const rule = task.recurrence;
  const due = task.due;
  const applies = Boolean(rule && rule.mode === 'after-completion' && task.status === 'open' && due);
  useEffect(() => {
    if (!applies || !rule || !due) return;
    const abort = new AbortController();
    const start = 'dateTime' in due ? due.dateTime.slice(0, 16) : `${due.date}T00:00`;
    const zone = 'dateTime' in due ? due.timeZone : (due.timeZone ?? timeZone);
    api.recurring
      .ifCompleted(
        { rrule: rule.rrule, start, timeZone: zone, exdates: rule.exdates, completedAt: new Date().toISOString() },
        abort.signal,
      )
      .then((next) => {
        if (!next) setText('If completed now, the series ends.');
        else {
          const when =
            'dateTime' in due
              ? `${dayLabel(next.at, timeZone)}, ${timeLabel(next.at, timeZone)}`
              : next.local.slice(0, 10);
          // "tomorrow, 07:00" mid-sentence (the label is capitalised to stand alone).
          setText(`If completed now, the next one is due ${when.charAt(0).toLowerCase()}${when.slice(1)}.`);
        }
      })
      .catch(() => setText(null));
    return () => abort.abort();
  }, [applies, rule?.rrule, task.version]);
  if (!applies || !text) return null;
  return (
    <p class="next-if-completed" data-testid="next-if-completed" aria-live="polite">
      {text}
    </p>
  );
}
