import { useState } from 'preact/hooks';
import { Dialog } from '../../components/Dialog';
import type { Tag, Task, TaskList, TaskPatch } from '../../api/types';
import { FIELD_LABELS, FIELDS, sameValue, taskToInput, type FieldValues } from './draft';

interface Props {
  mine: TaskPatch;
  theirs: Task;
  tags: Tag[];
  lists: TaskList[];
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onMerge: (patch: TaskPatch) => void;
  onClose: () => void;
}

export function describe(field: keyof FieldValues, value: unknown, tags: Tag[], lists: TaskList[]): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field) {
    case 'tagIds': {
      const ids = value as string[];
      return ids.length ? ids.map((id) => `#${tags.find((t) => t.id === id)?.name ?? '?'}`).join(' ') : '—';
    }
    case 'listId':
      return lists.find((l) => l.id === value)?.name ?? 'a list';
    case 'due': {
      const d = value as NonNullable<FieldValues['due']>;
      return 'date' in d ? d.date : `${d.dateTime.slice(0, 16).replace('T', ' ')} (${d.timeZone})`;
    }
    case 'reminders': {
      const rs = value as FieldValues['reminders'];
      if (!rs.length) return '—';
      return rs
        .map((r) => (r.type === 'absolute' ? new Date(r.at).toLocaleString() : `${r.minutesBefore} min before`))
        .join(', ');
    }
    case 'recurrence': {
      const r = value as NonNullable<FieldValues['recurrence']>;
      return `${r.rrule} (${r.mode})`;
    }
    default:
      return String(value);
  }
}

/**
 * Someone changed the task since this editor opened (409 with the server's copy). Keep
 * mine re-sends my changes on their version; take theirs drops mine; merge picks per field.
 */
export function ConflictDialog({ mine, theirs, tags, lists, busy, onKeepMine, onTakeTheirs, onMerge, onClose }: Props) {
  const theirValues = taskToInput(theirs);
  const contested = FIELDS.filter((f) => f in mine && !sameValue(f, mine[f], theirValues[f]));
  const [merging, setMerging] = useState(false);
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>(() =>
    Object.fromEntries(contested.map((f) => [f, 'mine'])),
  );
  const merged = (): TaskPatch => {
    const patch: Record<string, unknown> = {};
    for (const f of contested) if (choice[f] === 'mine') patch[f] = mine[f];
    return patch as TaskPatch;
  };
  return (
    <Dialog title="This task changed elsewhere" onClose={onClose} size="wide" testId="conflict-dialog">
      <p>
        While you were editing, this task was saved from somewhere else (now version {theirs.version}). Choose what to
        keep.
      </p>
      {!merging ? (
        <>
          <table class="conflict-table">
            <caption class="visually-hidden">Your changes and the saved version</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Yours</th>
                <th scope="col">Saved elsewhere</th>
              </tr>
            </thead>
            <tbody>
              {contested.map((f) => (
                <tr key={f}>
                  <th scope="row">{FIELD_LABELS[f]}</th>
                  <td>{describe(f, mine[f], tags, lists)}</td>
                  <td>{describe(f, theirValues[f], tags, lists)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="button-row">
            <button type="button" class="button button-primary" disabled={busy} onClick={onKeepMine}>
              Keep mine
            </button>
            <button type="button" class="button" disabled={busy} onClick={onTakeTheirs}>
              Take theirs
            </button>
            <button
              type="button"
              class="button"
              disabled={busy || contested.length === 0}
              onClick={() => setMerging(true)}
            >
              Merge by field…
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onMerge(merged());
          }}
        >
          {contested.map((f) => (
            <fieldset key={f} class="merge-field">
              <legend>{FIELD_LABELS[f]}</legend>
              <label class="check">
                <input
                  type="radio"
                  name={`merge-${f}`}
                  checked={choice[f] === 'mine'}
                  onChange={() => setChoice({ ...choice, [f]: 'mine' })}
                />
                Mine: <span class="merge-value">{describe(f, mine[f], tags, lists)}</span>
              </label>
              <label class="check">
                <input
                  type="radio"
                  name={`merge-${f}`}
                  checked={choice[f] === 'theirs'}
                  onChange={() => setChoice({ ...choice, [f]: 'theirs' })}
                />
                Theirs: <span class="merge-value">{describe(f, theirValues[f], tags, lists)}</span>
              </label>
            </fieldset>
          ))}
          <div class="button-row">
            <button type="submit" class="button button-primary" disabled={busy}>
              Save merged
            </button>
            <button type="button" class="button" onClick={() => setMerging(false)}>
              Back
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
