import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError, conflictCurrent } from '../../api/http';
import {
  PRIORITIES,
  type Priority,
  type SeriesScope,
  type Task,
  type TaskInput,
  type TaskPatch,
} from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Field, FormError } from '../../components/Field';
import { nowIn, timeZones } from '../../lib/dates';
import { RecurrenceEditor } from '../recurrence/RecurrenceEditor';
import { NextIfCompleted } from './NextIfCompleted';
import { SeriesDialog } from '../recurrence/SeriesDialog';
import { useStore } from '../../state/store';
import { userTimeZone } from '../../state/session';
import { onRemoteTask } from '../../state/sync';
import { createList, tasksStore, upsertTask } from '../../state/tasks';
import { ConflictDialog } from './ConflictDialog';
import { RemindersPanel } from './RemindersPanel';
import { TagPicker } from './TagPicker';
import { TaskHistory } from './TaskHistory';
import {
  changedFields,
  draftFromTask,
  draftToInput,
  emptyDraft,
  FIELD_LABELS,
  fieldsChangedBetween,
  newKey,
  rebaseDraft,
  type Draft,
  type DraftReminder,
  type ReminderUnit,
} from './draft';

interface Props {
  /** The task to edit, or null for a new one. */
  task: Task | null;
  onClose: () => void;
}

const NEW_LIST = '__new__';

export function TaskEditor({ task, onClose }: Props) {
  const { tags, lists } = useStore(tasksStore);
  const tz = userTimeZone();
  // The version this editor started from: a conflict is judged against it.
  const [original, setOriginal] = useState<Task | null>(task);
  const [draft, setDraft] = useState<Draft>(() => (task ? draftFromTask(task, tz) : emptyDraft(tz)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<{ mine: TaskPatch; theirs: Task } | null>(null);
  const zones = useMemo(timeZones, []);
  // The task changed on another device while open: what changed, and whether it was applied
  // (no edits of mine) or waits for "reload" / "keep mine".
  const [remote, setRemote] = useState<{ task: Task; changes: string[]; applied: boolean; deleted: boolean } | null>(
    null,
  );
  const live = useRef({ original, draft, busy });
  live.current = { original, draft, busy };
  useEffect(() => {
    if (!task) return;
    return onRemoteTask(({ type, task: theirs }) => {
      const { original: mine, draft: current, busy: saving } = live.current;
      // Our own save comes back live too: the save's answer handles it.
      if (!mine || theirs.id !== mine.id || theirs.version <= mine.version || saving) return;
      const changes = fieldsChangedBetween(mine, theirs).map((f) => FIELD_LABELS[f]);
      if (mine.status !== theirs.status) changes.push(theirs.status === 'done' ? 'Marked done' : 'Reopened');
      const deleted = type.startsWith('daybook.task.deleted.');
      if (!deleted && Object.keys(changedFields(mine, current)).length === 0) {
        // Nothing of mine to lose: show theirs at once, and say so.
        setOriginal(theirs);
        setDraft(draftFromTask(theirs, tz));
        setRemote({ task: theirs, changes, applied: true, deleted });
      } else setRemote({ task: theirs, changes, applied: false, deleted });
    });
  }, [task?.id]);

  const reloadTheirs = () => {
    if (!remote) return;
    setOriginal(remote.task);
    setDraft(draftFromTask(remote.task, tz));
    setRemote(null);
  };
  const keepMine = () => {
    if (!remote || !original) return;
    setDraft(rebaseDraft(original, draft, remote.task, tz));
    setOriginal(remote.task);
    setRemote(null);
  };
  const [showSeries, setShowSeries] = useState(false);
  const inSeries = Boolean(original && (original.recurrence || original.seriesId));
  // An open occurrence is usually the series' latest: edits to it are meant for what follows.
  const [scopeChoice, setScopeChoice] = useState<SeriesScope>(task?.status === 'open' ? 'future' : 'this');
  // The rule belongs to the whole series: changing it is always "this and future".
  const ruleChanged = Boolean(original && 'recurrence' in changedFields(original, draft));
  const scope: SeriesScope | undefined = inSeries ? (ruleChanged ? 'future' : scopeChoice) : undefined;
  const recurrenceStart =
    draft.dueKind === 'dateTime' && draft.dateTime
      ? draft.dateTime.slice(0, 16)
      : draft.dueKind === 'date' && draft.date
        ? `${draft.date}T00:00`
        : nowIn(tz);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setReminder = (key: string, patch: Partial<DraftReminder>) =>
    setDraft((d) => ({
      ...d,
      reminders: d.reminders.map((r) => (r.key === key ? ({ ...r, ...patch } as DraftReminder) : r)),
    }));

  const finish = (saved: Task) => {
    upsertTask(saved, { prepend: !original });
    onClose();
  };

  const fail = (err: unknown) => {
    const current = conflictCurrent<Task>(err);
    if (current && original) {
      setConflict({ mine: changedFields(original, draft), theirs: current });
      return;
    }
    if (err instanceof ApiError && err.problems.length) {
      setFieldErrors(
        Object.fromEntries(err.problems.map((p) => [p.field.replace(/^body\./, '').split('.')[0]!, p.message])),
      );
    }
    setError(err instanceof Error ? err.message : String(err));
  };

  const save = async (e?: Event) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      if (!original) {
        const input = draftToInput(draft);
        const body: TaskInput = { title: input.title, priority: input.priority };
        if (input.notes) body.notes = input.notes;
        if (input.tagIds.length) body.tagIds = input.tagIds;
        if (input.listId) body.listId = input.listId;
        if (input.due) body.due = input.due;
        if (input.reminders.length) body.reminders = input.reminders;
        if (input.recurrence) body.recurrence = input.recurrence;
        finish(await api.tasks.create(body));
      } else {
        const patch = changedFields(original, draft);
        finish(
          Object.keys(patch).length ? await api.tasks.update(original.id, original.version, patch, scope) : original,
        );
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const resolve = async (patch: TaskPatch, theirs: Task) => {
    setBusy(true);
    try {
      finish(Object.keys(patch).length ? await api.tasks.update(theirs.id, theirs.version, patch, scope) : theirs);
      setConflict(null);
    } catch (err) {
      const current = conflictCurrent<Task>(err);
      if (current) setConflict({ mine: patch, theirs: current });
      else {
        setConflict(null);
        fail(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const onListChange = async (value: string) => {
    if (value !== NEW_LIST) return set({ listId: value });
    const name = window.prompt('Name of the new list');
    if (!name?.trim()) return;
    try {
      set({ listId: (await createList(name)).id });
    } catch (err) {
      fail(err);
    }
  };

  const err = (field: string) => fieldErrors[field];

  return (
    <Dialog title={original ? 'Edit task' : 'New task'} onClose={onClose} size="wide" testId="task-editor">
      {remote && (
        <div
          class={`remote-banner ${remote.applied ? 'remote-banner-info' : 'remote-banner-warn'}`}
          role={remote.applied ? 'status' : 'alert'}
          data-testid="remote-change"
        >
          <p>
            {remote.deleted
              ? 'This task was deleted on another device.'
              : remote.applied
                ? `Updated from another device: ${remote.changes.join(', ') || 'no visible change'}.`
                : `Changed on another device while you were editing: ${remote.changes.join(', ') || 'no visible change'}.`}
          </p>
          <div class="button-row">
            {remote.deleted ? (
              <button type="button" class="button" onClick={onClose}>
                Close
              </button>
            ) : remote.applied ? (
              <button type="button" class="button button-link" onClick={() => setRemote(null)}>
                Dismiss
              </button>
            ) : (
              <>
                <button type="button" class="button" onClick={reloadTheirs}>
                  Reload
                </button>
                <button type="button" class="button button-primary" onClick={keepMine}>
                  Keep mine
                </button>
              </>
            )}
          </div>
        </div>
      )}
      <form class="editor" onSubmit={save} noValidate>
        <Field label="Title" id="editor-title" error={err('title')}>
          <input
            id="editor-title"
            required
            maxLength={500}
            value={draft.title}
            aria-invalid={!!err('title')}
            onInput={(e) => set({ title: e.currentTarget.value })}
          />
        </Field>
        <Field label="Notes" id="editor-notes" hint="Markdown is fine." error={err('notes')}>
          <textarea
            id="editor-notes"
            rows={4}
            maxLength={20000}
            value={draft.notes}
            onInput={(e) => set({ notes: e.currentTarget.value })}
          />
        </Field>
        <div class="editor-row">
          <Field label="Priority" id="editor-priority">
            <select
              id="editor-priority"
              value={draft.priority}
              onChange={(e) => set({ priority: e.currentTarget.value as Priority })}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </Field>
          <Field label="List" id="editor-list" error={err('listId')}>
            <select id="editor-list" value={draft.listId} onChange={(e) => void onListChange(e.currentTarget.value)}>
              <option value="">No list</option>
              {lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
              <option value={NEW_LIST}>＋ New list…</option>
            </select>
          </Field>
        </div>
        <Field label="Tags" id="editor-tags" error={err('tagIds')}>
          <TagPicker tags={tags} value={draft.tagIds} onChange={(tagIds) => set({ tagIds })} />
        </Field>

        <fieldset class="editor-group">
          <legend>Due</legend>
          <div class="segmented" role="radiogroup" aria-label="Due">
            {(['none', 'date', 'dateTime'] as const).map((k) => (
              <label key={k} class="check">
                <input
                  type="radio"
                  name="due-kind"
                  checked={draft.dueKind === k}
                  onChange={() => set({ dueKind: k })}
                />
                {k === 'none' ? 'No due date' : k === 'date' ? 'Date' : 'Date and time'}
              </label>
            ))}
          </div>
          {draft.dueKind === 'date' && (
            <Field label="Due date" id="editor-due-date" error={err('due')}>
              <input
                id="editor-due-date"
                type="date"
                value={draft.date}
                onInput={(e) => set({ date: e.currentTarget.value })}
              />
            </Field>
          )}
          {draft.dueKind === 'dateTime' && (
            <div class="editor-row">
              <Field label="Due at" id="editor-due-datetime" error={err('due')}>
                <input
                  id="editor-due-datetime"
                  type="datetime-local"
                  value={draft.dateTime}
                  onInput={(e) => set({ dateTime: e.currentTarget.value })}
                />
              </Field>
              <Field label="Time zone" id="editor-due-tz">
                <select
                  id="editor-due-tz"
                  value={draft.timeZone}
                  onChange={(e) => set({ timeZone: e.currentTarget.value })}
                >
                  {(zones.includes(draft.timeZone) ? zones : [draft.timeZone, ...zones]).map((z) => (
                    <option key={z} value={z}>
                      {z.replace(/_/g, ' ')}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          )}
        </fieldset>

        <fieldset class="editor-group">
          <legend>Reminders</legend>
          {err('reminders') && (
            <p class="field-error" role="alert">
              {err('reminders')}
            </p>
          )}
          <ul class="reminders">
            {draft.reminders.map((r, i) => (
              <li key={r.key} class="reminder">
                <label class="visually-hidden" for={`rem-type-${r.key}`}>
                  Reminder {i + 1} kind
                </label>
                <select
                  id={`rem-type-${r.key}`}
                  value={r.type}
                  onChange={(e) =>
                    setReminder(
                      r.key,
                      e.currentTarget.value === 'absolute'
                        ? { type: 'absolute', at: '' }
                        : ({ type: 'relative', amount: 15, unit: 'minutes' } as Partial<DraftReminder>),
                    )
                  }
                >
                  <option value="relative">Before due</option>
                  <option value="absolute">At a time</option>
                </select>
                {r.type === 'absolute' ? (
                  <>
                    <label class="visually-hidden" for={`rem-at-${r.key}`}>
                      Reminder {i + 1} time
                    </label>
                    <input
                      id={`rem-at-${r.key}`}
                      type="datetime-local"
                      value={r.at}
                      onInput={(e) => setReminder(r.key, { at: e.currentTarget.value })}
                    />
                  </>
                ) : (
                  <>
                    <label class="visually-hidden" for={`rem-n-${r.key}`}>
                      Reminder {i + 1} amount
                    </label>
                    <input
                      id={`rem-n-${r.key}`}
                      type="number"
                      min={0}
                      class="narrow"
                      value={r.amount}
                      onInput={(e) => setReminder(r.key, { amount: e.currentTarget.valueAsNumber })}
                    />
                    <label class="visually-hidden" for={`rem-unit-${r.key}`}>
                      Reminder {i + 1} unit
                    </label>
                    <select
                      id={`rem-unit-${r.key}`}
                      value={r.unit}
                      onChange={(e) => setReminder(r.key, { unit: e.currentTarget.value as ReminderUnit })}
                    >
                      <option value="minutes">minutes before</option>
                      <option value="hours">hours before</option>
                      <option value="days">days before</option>
                    </select>
                  </>
                )}
                <button
                  type="button"
                  class="icon-button"
                  aria-label={`Remove reminder ${i + 1}`}
                  onClick={() => set({ reminders: draft.reminders.filter((x) => x.key !== r.key) })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            class="button"
            disabled={draft.reminders.length >= 10}
            onClick={() =>
              set({ reminders: [...draft.reminders, { key: newKey(), type: 'relative', amount: 15, unit: 'minutes' }] })
            }
          >
            Add reminder
          </button>
        </fieldset>

        {original && original.reminders.length > 0 && <RemindersPanel taskId={original.id} timeZone={tz} />}

        <RecurrenceEditor
          value={draft}
          onChange={set}
          start={recurrenceStart}
          timeZone={draft.dueKind === 'dateTime' ? draft.timeZone : tz}
          error={err('recurrence')}
        />
        {original && <NextIfCompleted task={original} timeZone={tz} />}
        {inSeries && (
          <fieldset class="editor-group" data-testid="series-scope">
            <legend>Save changes to</legend>
            <div class="segmented" role="radiogroup" aria-label="Save changes to">
              {(
                [
                  ['this', 'This occurrence only'],
                  ['future', 'This and future occurrences'],
                ] as const
              ).map(([value, label]) => (
                <label key={value} class="check">
                  <input
                    type="radio"
                    name="series-scope"
                    value={value}
                    checked={scope === value}
                    disabled={ruleChanged && value === 'this'}
                    onChange={() => setScopeChoice(value)}
                  />
                  {label}
                </label>
              ))}
            </div>
            {ruleChanged && <p class="hint">A new rule applies to this and all future occurrences.</p>}
            <p class="series-link">
              <button type="button" class="button" onClick={() => setShowSeries(true)}>
                Series
              </button>
            </p>
          </fieldset>
        )}

        {original && <TaskHistory taskId={original.id} timeZone={tz} />}
        <FormError message={error} />
        <div class="button-row">
          <button type="submit" class="button button-primary" disabled={busy || !draft.title.trim()}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
      {showSeries && original && <SeriesDialog task={original} timeZone={tz} onClose={() => setShowSeries(false)} />}
      {conflict && (
        <ConflictDialog
          mine={conflict.mine}
          theirs={conflict.theirs}
          tags={tags}
          lists={lists}
          busy={busy}
          onClose={() => setConflict(null)}
          onKeepMine={() => void resolve(conflict.mine, conflict.theirs)}
          onMerge={(patch) => void resolve(patch, conflict.theirs)}
          onTakeTheirs={() => {
            upsertTask(conflict.theirs);
            setOriginal(conflict.theirs);
            setDraft(draftFromTask(conflict.theirs, tz));
            setConflict(null);
            onClose();
          }}
        />
      )}
    </Dialog>
  );
}
