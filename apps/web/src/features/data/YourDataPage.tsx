import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError, type ProblemDetail } from '../../api/http';
import type { CalendarFeed, ImportInput, ImportResult } from '../../api/types';
import { showError, showToast } from '../../state/toasts';
import './data.css';

export const YOUR_DATA_ROUTE = '/settings/data';

/** The request body limit of the services (256 kB): a bigger file is refused before sending. */
const MAX_IMPORT_BYTES = 256 * 1024;

/** Saves text as a file through the browser's download. */
function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** "1 task", "3 tasks". */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const counts = (r: ImportResult) => `${count(r.tasks, 'task')}, ${count(r.lists, 'list')} and ${count(r.tags, 'tag')}`;

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Everything of the person's, one file: each service's own export, joined here (services
 * do not call each other). A part whose service does not answer is null, not a failure.
 */
async function exportEverything() {
  const [tasks, journal, preferences] = await Promise.all([
    api.tasks.exportData(),
    api.journal.exportData().catch(() => null),
    api.notifications.preferences().catch(() => null),
  ]);
  return {
    format: 'daybook-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    tasks,
    journal,
    notifications: { preferences },
  };
}

/** What the chosen file will be sent as: our export's tasks part, or a Todoist CSV. */
interface ImportFile {
  input: ImportInput;
  /** Our export's parts that other services import: the journal's entries, notification preferences. */
  entries: unknown[] | null;
  preferences: unknown;
}

async function readImportFile(file: File): Promise<ImportFile | string> {
  if (file.size > MAX_IMPORT_BYTES) return `${file.name} is larger than 256 kB`;
  const text = await file.text();
  if (/\.csv$/i.test(file.name) || text.startsWith('TYPE,')) {
    return {
      input: { format: 'todoist-csv', csv: text, listName: file.name.replace(/\.csv$/i, '') },
      entries: null,
      preferences: null,
    };
  }
  try {
    const json = JSON.parse(text) as {
      format?: string;
      tasks?: unknown;
      journal?: { entries?: unknown[] } | null;
      notifications?: { preferences?: unknown };
    };
    // Our whole export carries the tasks service's part under `tasks`; that part alone is accepted too.
    const data = json.format === 'daybook-export' ? json.tasks : json;
    return {
      input: { format: 'daybook', data },
      entries: json.journal?.entries ?? null,
      preferences: json.notifications?.preferences ?? null,
    };
  } catch {
    return `${file.name} is neither a Todoist CSV export nor a Daybook JSON export`;
  }
}

function FeedSection() {
  const [feed, setFeed] = useState<CalendarFeed | null | undefined>(undefined);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    api.tasks
      .calendarFeed()
      .then(setFeed)
      .catch((err) => (err instanceof ApiError && err.status === 404 ? setFeed(null) : showError(err)));
  }, []);
  const regenerate = async () => {
    if (feed && !window.confirm('Make a new URL? Calendars subscribed to the old one stop updating.')) return;
    const made = await api.tasks.newCalendarFeed();
    setFeed(made);
    setUrl(`${window.location.origin}${made.path}`);
  };
  const revoke = async () => {
    if (!window.confirm('Turn the calendar feed off? Subscribed calendars stop updating.')) return;
    await api.tasks.revokeCalendarFeed();
    setFeed(null);
    setUrl(null);
  };
  return (
    <section class="card data-section" aria-labelledby="feed-title">
      <h2 id="feed-title">Calendar feed</h2>
      <p class="hint">
        Your open tasks with a due date, and their reminders, in Google Calendar, Apple Calendar or Thunderbird:
        subscribe to this private URL. Anyone with it can see those tasks.
      </p>
      {url ? (
        <div class="feed-url">
          <label for="feed-url">Your feed URL (shown once: copy it now)</label>
          <input id="feed-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          <div class="actions">
            <button
              type="button"
              class="button"
              onClick={() =>
                void navigator.clipboard.writeText(url).then(() => showToast({ message: 'Feed URL copied' }), showError)
              }
            >
              Copy
            </button>
            <a class="button button-link" href={url.replace(/^https?:/, 'webcal:')}>
              Open in calendar app
            </a>
          </div>
        </div>
      ) : feed ? (
        <p>
          A feed URL ending in <code>…{feed.tokenHint}.ics</code> is on since{' '}
          {new Date(feed.createdAt).toLocaleString()}. Its full URL is not kept: regenerate to get a new one.
        </p>
      ) : feed === null ? (
        <p>No feed yet.</p>
      ) : null}
      <div class="actions">
        <button type="button" class="button button-primary" onClick={() => void regenerate().catch(showError)}>
          {feed ? 'Regenerate URL' : 'Create feed URL'}
        </button>
        {feed && (
          <button type="button" class="button button-danger" onClick={() => void revoke().catch(showError)}>
            Revoke
          </button>
        )}
      </div>
    </section>
  );
}

function ExportSection() {
  const [busy, setBusy] = useState(false);
  const run = (fn: () => Promise<void>) => {
    setBusy(true);
    fn()
      .catch(showError)
      .finally(() => setBusy(false));
  };
  return (
    <section class="card data-section" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p class="hint">Everything you keep in Daybook as one JSON file, or your tasks as a spreadsheet (CSV).</p>
      <div class="actions">
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() =>
            run(async () =>
              download(
                `daybook-${today()}.json`,
                'application/json',
                JSON.stringify(await exportEverything(), null, 2),
              ),
            )
          }
        >
          Download JSON
        </button>
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() =>
            run(async () => download(`daybook-tasks-${today()}.csv`, 'text/csv', await api.tasks.exportCsv()))
          }
        >
          Download tasks as CSV
        </button>
      </div>
    </section>
  );
}

function ImportSection() {
  const [pending, setPending] = useState<(ImportFile & { preview: ImportResult }) | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<ProblemDetail[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (err: unknown) => {
    setProblems(err instanceof ApiError ? err.problems : []);
    setError(err instanceof Error ? err.message : String(err));
  };
  const choose = async (file: File | undefined) => {
    setPending(null);
    setResult(null);
    setProblems([]);
    setError(null);
    if (!file) return;
    const read = await readImportFile(file);
    if (typeof read === 'string') return setError(read);
    setBusy(true);
    try {
      const preview = await api.tasks.importData({ ...read.input, dryRun: true });
      setPending({ ...read, preview });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      setResult(await api.tasks.importData(pending.input));
      // Each service imports its own part; the tasks are in, so a failure here is told, not undone.
      if (pending.entries?.length) await api.journal.importData(pending.entries).catch(showError);
      if (pending.preferences && typeof pending.preferences === 'object') {
        // The notifications service's own part; its time zone comes from the profile.
        const { timeZone: _zone, ...preferences } = pending.preferences as Record<string, unknown>;
        await api.notifications.savePreferences(preferences as never).catch(showError);
      }
      setPending(null);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card data-section" aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <p class="hint">
        A Todoist CSV export (one project per file) or a Daybook JSON export. Nothing is written unless every row is
        right.
      </p>
      <label for="import-file">File to import</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,.json,text/csv,application/json"
        disabled={busy}
        onChange={(e) => void choose(e.currentTarget.files?.[0])}
      />
      {pending && (
        <div class="import-preview" role="status">
          <p>Will import {counts(pending.preview)}.</p>
          <ul>
            {pending.preview.preview.map((t, i) => (
              <li key={i}>{t.title}</li>
            ))}
          </ul>
          {pending.preview.warnings.length > 0 && (
            <ul class="warnings">
              {pending.preview.warnings.map((w) => (
                <li key={w.field}>
                  {w.field}: {w.message}
                </li>
              ))}
            </ul>
          )}
          <button type="button" class="button button-primary" disabled={busy} onClick={() => void confirm()}>
            Import
          </button>
        </div>
      )}
      {result && (
        <p role="status" class="import-result">
          Imported {counts(result)}.
        </p>
      )}
      {error && (
        <div role="alert" class="form-error">
          <p>{error}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map((p) => (
                <li key={p.field + p.message}>
                  {p.field}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

/** "Your data": the private calendar feed, export and import. */
export function YourDataPage() {
  return (
    <main id="main" tabIndex={-1} class="page data-page">
      <div class="page-head">
        <h1>Your data</h1>
        <a href="#/today">Back to tasks</a>
      </div>
      <FeedSection />
      <ExportSection />
      <ImportSection />
    </main>
  );
}
