import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError, conflictCurrent } from '../../api/http';
import type { Insight, JournalCalendar, JournalEntry, JournalSettings, WeeklyReview } from '../../api/types';
import { userTimeZone } from '../../state/session';
import { showError, showToast } from '../../state/toasts';
import { CloudAiSettings } from './CloudAiSettings';
import { EntryCard } from './EntryCard';
import { EntryEditor, type EntryDraft } from './EntryEditor';
import { MoodChart } from './MoodChart';
import { StreakCalendar } from './StreakCalendar';
import { WeeklyReviewPanel } from './WeeklyReviewPanel';
import './journal.css';

export { journalRoute } from './days';

/** How often, and how many times, an entry is re-read while its insight is being made. */
const INSIGHT_POLL_MS = 700;
const INSIGHT_POLLS = 20;

/**
 * The journal: write an entry, see the entries with their insights beside them, the mood
 * chart, the calendar with the streak, the weekly review and the AI settings.
 */
export function JournalPage({ highlight }: { highlight?: string | undefined }) {
  const timeZone = userTimeZone();
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [calendar, setCalendar] = useState<JournalCalendar | null>(null);
  const [settings, setSettings] = useState<JournalSettings | null>(null);
  const [review, setReview] = useState<WeeklyReview | undefined>();
  const polling = useRef(new Set<string>());

  const loadEntries = useCallback(
    async (search = q) => {
      const page = await api.journal.list(search.trim() ? { q: search.trim(), limit: 20 } : { limit: 20 });
      setEntries(page.items);
      setNextCursor(page.nextCursor);
    },
    [q],
  );
  const loadCalendar = useCallback(async () => setCalendar(await api.journal.calendar(timeZone)), [timeZone]);

  useEffect(() => {
    loadEntries('').catch(showError);
    loadCalendar().catch(showError);
    api.journal.settings().then(setSettings, showError);
    api.journal.reviews(1).then((r) => setReview(r[0]), showError);
  }, []);

  useEffect(() => {
    if (highlight) document.getElementById(`entry-${highlight}`)?.scrollIntoView({ block: 'center' });
  }, [highlight, entries.length]);

  const replace = (entry: JournalEntry) => setEntries((list) => list.map((e) => (e.id === entry.id ? entry : e)));

  /** Re-reads the entry until its insight is of its current version (the analysis runs after saving). */
  const awaitInsight = async (entry: JournalEntry) => {
    if (polling.current.has(entry.id)) return;
    polling.current.add(entry.id);
    try {
      for (let i = 0; i < INSIGHT_POLLS; i++) {
        await new Promise((r) => setTimeout(r, INSIGHT_POLL_MS));
        const fresh = await api.journal.get(entry.id);
        replace(fresh);
        if (fresh.version !== entry.version || (fresh.insight && fresh.insight.entryVersion >= fresh.version)) return;
      }
    } finally {
      polling.current.delete(entry.id);
    }
  };

  const create = async (draft: EntryDraft) => {
    const entry = await api.journal.create({ ...draft, timeZone });
    setEntries((list) => [entry, ...list]);
    void loadCalendar().catch(showError);
    void awaitInsight(entry).catch(showError);
  };

  const edit = async (entry: JournalEntry, draft: EntryDraft) => {
    try {
      const saved = await api.journal.update(entry.id, entry.version, draft);
      replace({ ...saved, insight: entry.insight });
      void loadCalendar().catch(showError);
      void awaitInsight(saved).catch(showError);
    } catch (err) {
      const current = conflictCurrent<JournalEntry>(err);
      if (current) {
        replace(current);
        throw new Error('This entry was changed elsewhere: it now shows that version. Edit it again.');
      }
      throw err;
    }
  };

  const remove = async (entry: JournalEntry) => {
    await api.journal.remove(entry.id);
    setEntries((list) => list.filter((e) => e.id !== entry.id));
    void loadCalendar().catch(showError);
    showToast({
      message: 'Entry deleted.',
      action: {
        label: 'Undo',
        run: async () => {
          await api.journal.restore(entry.id);
          await Promise.all([loadEntries(), loadCalendar()]);
        },
      },
    });
  };

  const turnIntoTask = async (insight: Insight, suggestionId: string) => {
    try {
      // 202: the tasks service creates the task from the journal's event. The entry, read
      // again, shows the suggestion as requested.
      await api.journal.turnIntoTask(insight.id, suggestionId);
      replace(await api.journal.get(insight.entryId));
      showToast({ message: 'Task requested: it will be in your tasks in a moment.' });
    } catch (err) {
      showError(err);
    }
  };

  const deleteInsight = async (insight: Insight) => {
    try {
      await api.journal.deleteInsight(insight.id);
      setEntries((list) => list.map((e) => (e.insight?.id === insight.id ? { ...e, insight: null } : e)));
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) showError(err);
    }
  };

  const changeSettings = async (input: Parameters<typeof api.journal.changeSettings>[0]) => {
    try {
      setSettings(await api.journal.changeSettings(input));
    } catch (err) {
      showError(err);
    }
  };

  return (
    <main class="page journal-page" id="main" tabIndex={-1}>
      <div class="page-head">
        <h1>Journal</h1>
      </div>
      <div class="journal-layout">
        <div class="journal-main">
          <EntryEditor onSave={create} />
          <form
            role="search"
            class="journal-search"
            onSubmit={(e) => {
              e.preventDefault();
              void loadEntries().catch(showError);
            }}
          >
            <label for="journal-search" class="visually-hidden">
              Search entries
            </label>
            <input
              id="journal-search"
              type="search"
              placeholder="Search entries"
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
            />
            <button type="submit" class="button">
              Search
            </button>
          </form>
          <ol class="journal-entries" aria-label="Entries">
            {entries.map((entry) => (
              <EntryCard
                key={entry.id}
                entry={entry}
                highlighted={entry.id === highlight}
                onEdit={(draft) => edit(entry, draft)}
                onDelete={() => void remove(entry).catch(showError)}
                onTurnIntoTask={turnIntoTask}
                onDeleteInsight={(i) => void deleteInsight(i)}
              />
            ))}
          </ol>
          {entries.length === 0 && <p class="muted">No entries yet. Write the first one above.</p>}
          {nextCursor && (
            <button
              type="button"
              class="button"
              onClick={() =>
                void api.journal
                  .list({ ...(q.trim() ? { q: q.trim() } : {}), limit: 20, cursor: nextCursor })
                  .then((page) => {
                    setEntries((list) => [...list, ...page.items]);
                    setNextCursor(page.nextCursor);
                  })
                  .catch(showError)
              }
            >
              Older entries
            </button>
          )}
        </div>
        <div class="journal-side">
          {calendar && (
            <section class="journal-panel" aria-label="Mood chart">
              <MoodChart calendar={calendar} />
            </section>
          )}
          {calendar && <StreakCalendar calendar={calendar} />}
          {settings && (
            <WeeklyReviewPanel
              review={review}
              settings={settings}
              onReviewTime={(reviewTime) => void changeSettings({ reviewTime, timeZone })}
            />
          )}
          {settings && <CloudAiSettings settings={settings} onChange={(cloudAi) => void changeSettings({ cloudAi })} />}
        </div>
      </div>
    </main>
  );
}
