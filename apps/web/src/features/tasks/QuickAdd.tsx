// Quick add with natural language: the recognised parts (dates, recurring phrases, #tags,
// !priority, @list) are highlighted as the person types, each can be taken literally with
// Backspace right after it or a click on its chip, and a preview shows the due date and the
// next occurrences before saving.
import { useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { TaskInput } from '../../api/types';
import { todayIn, wallClockLabel } from '../../lib/dates';
import { useStore } from '../../state/store';
import { userTimeZone } from '../../state/session';
import { ensureTag, tasksStore, upsertTask, type View } from '../../state/tasks';
import { showError } from '../../state/toasts';
import { usePreview } from '../recurrence/RecurrenceEditor';
import { parseQuickAdd, type Part, type QuickAddResult } from './quick-add-parse';

export interface QuickAddDefaults {
  /** Added from a list's page: into that list unless @list says otherwise. */
  listId?: string;
  tagName?: string;
}

const KIND_NAMES: Record<Part['kind'], string> = {
  recurrence: 'Repeats',
  date: 'Due',
  tag: 'Tag',
  priority: 'Priority',
  list: 'List',
};

function dueLabel(due: NonNullable<QuickAddResult['due']>): string {
  return 'date' in due
    ? wallClockLabel(`${due.date}T00:00`).replace(/,? \d\d:\d\d$/, '')
    : wallClockLabel(due.dateTime);
}

/** The text with the recognised parts marked, for the layer under the input. */
function Highlights({ text, parts }: { text: string; parts: Part[] }) {
  const out = [];
  let at = 0;
  for (const p of parts) {
    if (p.start > at) out.push(text.slice(at, p.start));
    out.push(
      <mark key={p.key} class={`qa-mark qa-${p.kind}`}>
        {text.slice(p.start, p.end)}
      </mark>,
    );
    at = p.end;
  }
  out.push(text.slice(at));
  return <>{out}</>;
}

function Preview({ parsed, timeZone }: { parsed: QuickAddResult; timeZone: string }) {
  const start = parsed.due
    ? 'date' in parsed.due
      ? `${parsed.due.date}T00:00`
      : parsed.due.dateTime.slice(0, 16)
    : '';
  const preview = usePreview(parsed.rrule ?? '', start, timeZone, []);
  if (!parsed.due && !parsed.rrule) return null;
  const allDay = parsed.due && 'date' in parsed.due;
  const next = preview.items.slice(1, 4).map((o) => {
    const label = wallClockLabel(o.local);
    return allDay ? label.replace(/,? \d\d:\d\d$/, '') : label;
  });
  return (
    <p class="qa-preview" data-testid="quick-add-preview" aria-live="polite">
      {parsed.due && (
        <span>
          Due <strong>{dueLabel(parsed.due)}</strong>
        </span>
      )}
      {parsed.rrule && (
        <span>
          {parsed.parts.find((p) => p.kind === 'recurrence')?.label}
          {next.length > 0 && <> · then {next.join('; ')}</>}
          {preview.error && <> · {preview.error}</>}
        </span>
      )}
    </p>
  );
}

export function QuickAdd({ view, defaults = {} }: { view: View; defaults?: QuickAddDefaults }) {
  const { lists } = useStore(tasksStore);
  const [text, setText] = useState('');
  const [literal, setLiteral] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const mirror = useRef<HTMLDivElement>(null);
  const tz = userTimeZone();

  // Parsed against the clock at each keystroke: "tomorrow" is tomorrow when the person types it.
  const parsed = useMemo(
    () => parseQuickAdd(text, { now: new Date(), timeZone: tz, locale: navigator.language, lists, literal }),
    [text, tz, lists, literal],
  );

  const takeLiterally = (part: Part) => {
    setLiteral((s) => new Set(s).add(part.key));
    input.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const el = e.currentTarget as HTMLInputElement;
    // Esc leaves the field, so that the list's shortcuts (j, k…) work again.
    if (e.key === 'Escape') return el.blur();
    if (e.key !== 'Backspace' || el.selectionStart !== el.selectionEnd) return;
    // Backspace right after a recognised part: keep its text, drop its meaning (once).
    const part = parsed.parts.find((p) => p.end === el.selectionStart);
    if (part) {
      e.preventDefault();
      takeLiterally(part);
    }
  };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (!parsed.title) return;
    setBusy(true);
    try {
      const tags = await Promise.all(
        [...parsed.tagNames, ...(defaults.tagName ? [defaults.tagName] : [])].map((name) => ensureTag(name)),
      );
      const input: TaskInput = { title: parsed.title };
      if (parsed.due) input.due = parsed.due;
      // Added from Today without a date: due today, so it stays in view.
      else if (view === 'today') input.due = { date: todayIn(tz) };
      if (parsed.rrule) input.recurrence = { rrule: parsed.rrule, mode: 'fixed-schedule' };
      if (parsed.priority) input.priority = parsed.priority;
      const listId = parsed.listId ?? defaults.listId;
      if (listId) input.listId = listId;
      if (tags.length) input.tagIds = [...new Set(tags.map((t) => t.id))];
      upsertTask(await api.tasks.create(input), { prepend: true });
      setText('');
      setLiteral(new Set());
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
      requestAnimationFrame(() => input.current?.focus());
    }
  };

  return (
    <form class="quick-add" onSubmit={onSubmit}>
      <div class="quick-add-row">
        <label for="quick-add" class="visually-hidden">
          New task (try “Pay rent every month on the 1st at 9am #home !high @Bills”)
        </label>
        <div class="qa-field">
          <div class="qa-mirror" ref={mirror} aria-hidden="true">
            <Highlights text={text} parts={parsed.parts} />
          </div>
          <input
            id="quick-add"
            ref={input}
            autoComplete="off"
            spellcheck={false}
            placeholder={
              view === 'today' ? 'Add a task for today… (q)' : 'Add a task… e.g. “Call Sam tomorrow 5pm #family”'
            }
            value={text}
            maxLength={500}
            aria-describedby="quick-add-parts"
            onInput={(e) => {
              const value = e.currentTarget.value;
              setText(value);
              if (!value) setLiteral(new Set());
            }}
            onKeyDown={onKeyDown}
            onScroll={(e) => mirror.current && (mirror.current.scrollLeft = e.currentTarget.scrollLeft)}
            disabled={busy}
          />
        </div>
        <button type="submit" class="button button-primary" disabled={busy || !parsed.title}>
          Add
        </button>
      </div>
      <div id="quick-add-parts" class="qa-parts">
        {parsed.parts.length > 0 && (
          <ul class="qa-chips" aria-label="Recognised">
            {parsed.parts.map((p) => (
              <li key={p.key}>
                <button
                  type="button"
                  class={`qa-chip qa-${p.kind}`}
                  title={`Keep “${p.text}” as text (Backspace right after it)`}
                  aria-label={`${p.label}, from “${p.text}”. Keep as text`}
                  onClick={() => takeLiterally(p)}
                >
                  <span class="qa-chip-kind">{KIND_NAMES[p.kind]}</span>{' '}
                  {p.kind === 'date' && parsed.due
                    ? dueLabel(parsed.due)
                    : p.label.replace(/^(Repeats|Tag|Priority|List) /, '')}
                  <span aria-hidden="true"> ×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {parsed.notes.map((n) => (
          <p key={n} class="qa-note">
            {n}
          </p>
        ))}
        {text && !parsed.title && <p class="qa-note">Add a title as well.</p>}
        <Preview parsed={parsed} timeZone={tz} />
      </div>
    </form>
  );
}
