import { useState } from 'preact/hooks';
import type { Insight, JournalEntry } from '../../api/types';
import { EntryEditor, type EntryDraft } from './EntryEditor';

const SENTIMENT: Record<string, string> = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' };
const PROVIDER: Record<string, string> = { local: 'on this server', openai: 'by OpenAI', ollama: 'by Ollama' };

/** One entry, and beside it the insight made from it (or that it is being analysed). */
export function EntryCard(props: {
  entry: JournalEntry;
  highlighted: boolean;
  onEdit: (draft: EntryDraft) => Promise<void>;
  onDelete: () => void;
  onTurnIntoTask: (insight: Insight, suggestionId: string) => Promise<void>;
  onDeleteInsight: (insight: Insight) => void;
}) {
  const { entry } = props;
  const [editing, setEditing] = useState(false);
  const insight = entry.insight;
  const analysing = !insight || insight.entryVersion < entry.version;
  const when = new Date(entry.writtenAt).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: entry.timeZone,
  });
  return (
    <li
      class={`journal-entry${props.highlighted ? ' highlighted' : ''}`}
      id={`entry-${entry.id}`}
      data-testid="journal-entry"
    >
      <article aria-labelledby={`entry-${entry.id}-when`}>
        <header class="entry-head">
          <h3 id={`entry-${entry.id}-when`}>
            <time dateTime={entry.writtenAt}>{when}</time>
          </h3>
          {entry.mood !== null && (
            <span class="mood-badge" aria-label={`Mood ${entry.mood} of 5`}>
              {entry.mood}/5
            </span>
          )}
          {entry.tags.map((t) => (
            <span key={t} class="tag-chip">
              #{t}
            </span>
          ))}
        </header>
        {editing ? (
          <EntryEditor
            entry={entry}
            onSave={async (draft) => {
              await props.onEdit(draft);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <>
            <p class="entry-body">{entry.body}</p>
            <div class="entry-actions">
              <button type="button" class="button button-link" onClick={() => setEditing(true)}>
                Edit
              </button>
              <button type="button" class="button button-link" onClick={props.onDelete}>
                Delete
              </button>
            </div>
          </>
        )}
      </article>
      <aside class="insight" aria-label="Insight" aria-live="polite" data-testid="insight">
        {analysing && !insight ? (
          <p class="muted">Analysing…</p>
        ) : insight ? (
          <>
            <p class="insight-summary">{insight.summary}</p>
            <p class="insight-meta">
              <span data-testid="sentiment">{SENTIMENT[insight.sentimentLabel] ?? insight.sentimentLabel}</span> (
              {insight.sentiment.toFixed(2)}) · made {PROVIDER[insight.provider] ?? insight.provider} ({insight.model},{' '}
              {insight.durationMs} ms) · <a href={`#/journal?entry=${insight.entryId}`}>from this entry</a>
              {analysing && ' · updating…'}
            </p>
            {insight.themes.length > 0 && (
              <p class="insight-themes">
                Themes:{' '}
                {insight.themes.map((t) => (
                  <span key={t} class="tag-chip">
                    {t}
                  </span>
                ))}
              </p>
            )}
            {insight.suggestions.length > 0 && (
              <ul class="suggestions" aria-label="Suggested follow-ups">
                {insight.suggestions.map((s) => (
                  <li key={s.id}>
                    <span>{s.text}</span>
                    {s.taskRequestId ? (
                      <span class="muted">Task requested ✓</span>
                    ) : (
                      <button
                        type="button"
                        class="button"
                        onClick={() => void props.onTurnIntoTask(insight, s.id)}
                        aria-label={`Turn into task: ${s.text}`}
                      >
                        Turn into task
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <button type="button" class="button button-link" onClick={() => props.onDeleteInsight(insight)}>
              Delete insight
            </button>
          </>
        ) : null}
      </aside>
    </li>
  );
}
