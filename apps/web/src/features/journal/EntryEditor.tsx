import { useState } from 'preact/hooks';
import { ApiError } from '../../api/http';
import type { JournalEntry } from '../../api/types';
import { Field, FormError } from '../../components/Field';

export interface EntryDraft {
  body: string;
  mood: number | null;
  tags: string[];
}

const MOODS = ['Awful', 'Bad', 'Okay', 'Good', 'Great'];

/**
 * Writing or editing an entry: markdown text, an optional mood (1–5, radio buttons, so the
 * arrow keys move between them) and tags. Ctrl/⌘+Enter saves. Field errors from a 400 show
 * beside the field they name.
 */
export function EntryEditor(props: {
  entry?: JournalEntry;
  onSave: (draft: EntryDraft) => Promise<void>;
  onCancel?: () => void;
}) {
  const { entry } = props;
  const [body, setBody] = useState(entry?.body ?? '');
  const [mood, setMood] = useState<number | null>(entry?.mood ?? null);
  const [tags, setTags] = useState(entry?.tags.join(', ') ?? '');
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const id = entry ? `entry-${entry.id}` : 'new-entry';

  const save = async () => {
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      await props.onSave({
        body,
        mood,
        tags: tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      });
      if (!entry) {
        setBody('');
        setMood(null);
        setTags('');
      }
    } catch (err) {
      if (err instanceof ApiError && err.problems.length) {
        setErrors(
          Object.fromEntries(err.problems.map((p) => [p.field.replace(/^body\./, '').split('.')[0] ?? '', p.message])),
        );
      } else setFormError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      class="entry-editor"
      aria-label={entry ? 'Edit entry' : 'New entry'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        }
        if (e.key === 'Escape' && props.onCancel) props.onCancel();
      }}
    >
      <Field
        label={entry ? 'Entry' : 'What happened today?'}
        id={`${id}-body`}
        hint="Markdown. Ctrl+Enter saves."
        error={errors.body}
      >
        <textarea
          id={`${id}-body`}
          rows={entry ? 6 : 5}
          value={body}
          required
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={`${id}-body-hint${errors.body ? ` ${id}-body-error` : ''}`}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
      </Field>
      <fieldset class="mood-picker">
        <legend>Mood</legend>
        {MOODS.map((name, i) => (
          <label key={name}>
            <input
              type="radio"
              name={`${id}-mood`}
              value={i + 1}
              checked={mood === i + 1}
              onChange={() => setMood(i + 1)}
            />
            <span>
              {i + 1} · {name}
            </span>
          </label>
        ))}
        <button type="button" class="button button-link" onClick={() => setMood(null)} disabled={mood === null}>
          No mood
        </button>
        {errors.mood && (
          <p class="field-error" role="alert">
            {errors.mood}
          </p>
        )}
      </fieldset>
      <Field label="Tags" id={`${id}-tags`} hint="Separated by commas" error={errors.tags}>
        <input id={`${id}-tags`} value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
      </Field>
      <FormError message={formError} />
      <div class="form-actions">
        {props.onCancel && (
          <button type="button" class="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" class="button button-primary" disabled={saving || !body.trim()}>
          {saving ? 'Saving…' : entry ? 'Save changes' : 'Save entry'}
        </button>
      </div>
    </form>
  );
}
