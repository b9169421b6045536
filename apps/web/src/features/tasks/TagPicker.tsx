import { useState } from 'preact/hooks';
import type { Tag } from '../../api/types';
import { ensureTag } from '../../state/tasks';
import { showError } from '../../state/toasts';

/** Chips for the chosen tags, and an input that picks an existing tag or creates one. */
export function TagPicker({
  tags,
  value,
  onChange,
}: {
  tags: Tag[];
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const [text, setText] = useState('');
  const chosen = value.map((id) => tags.find((t) => t.id === id)).filter((t): t is Tag => !!t);
  const add = async () => {
    const name = text.trim().replace(/^#/, '');
    if (!name) return;
    try {
      const tag = await ensureTag(name);
      if (!value.includes(tag.id)) onChange([...value, tag.id]);
      setText('');
    } catch (err) {
      showError(err);
    }
  };
  return (
    <div class="tag-picker">
      <ul class="chips" aria-label="Chosen tags">
        {chosen.map((t) => (
          <li key={t.id} class="tag-chip">
            #{t.name}
            <button
              type="button"
              class="chip-remove"
              aria-label={`Remove tag ${t.name}`}
              onClick={() => onChange(value.filter((id) => id !== t.id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div class="inline">
        <input
          id="editor-tags"
          list="editor-tag-options"
          placeholder="Add a tag…"
          aria-describedby="editor-tags-hint"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
        <button type="button" class="button" onClick={() => void add()} disabled={!text.trim()}>
          Add tag
        </button>
      </div>
      <datalist id="editor-tag-options">
        {tags
          .filter((t) => !value.includes(t.id))
          .map((t) => (
            <option key={t.id} value={t.name} />
          ))}
      </datalist>
      <p class="hint" id="editor-tags-hint">
        Press Enter to add; a new name creates the tag.
      </p>
    </div>
  );
}
