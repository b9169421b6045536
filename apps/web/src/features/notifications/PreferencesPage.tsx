import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError } from '../../api/http';
import type { ChannelChoice, Preferences } from '../../api/notifications';
import { Field, FormError } from '../../components/Field';
import { showToast } from '../../state/toasts';

type Switchable = 'reminders' | 'digests' | 'system';
const ROWS: { key: Switchable | 'loginCodes'; label: string; hint: string }[] = [
  { key: 'reminders', label: 'Reminders', hint: 'When a task’s reminder is due' },
  { key: 'loginCodes', label: 'Sign-in codes', hint: 'Always by email, so you can always sign in' },
  { key: 'digests', label: 'Daily digest', hint: 'Your day’s tasks, once a day' },
  { key: 'system', label: 'Account', hint: 'Security and account notices' },
];
const CHANNELS: { key: keyof ChannelChoice; label: string }[] = [
  { key: 'inApp', label: 'In app' },
  { key: 'email', label: 'Email' },
];

/** The 400's problems by field path without `body.` ("quietHours.start"). */
function problemsByField(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(err.problems.map((p) => [p.field.replace(/^body\./, ''), p.message]));
}

/** The category × channel matrix, quiet hours and the digest's time. */
export function PreferencesPage() {
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});

  useEffect(() => {
    api.notifications
      .preferences()
      .then(setPrefs)
      .catch((err: Error) => setLoadError(err.message));
  }, []);

  const update = (f: (p: Preferences) => Preferences) => setPrefs((p) => (p ? f(p) : p));
  const setChannel = (cat: Switchable, ch: keyof ChannelChoice, on: boolean) =>
    update((p) => ({ ...p, channels: { ...p.channels, [cat]: { ...p.channels[cat], [ch]: on } } }));
  // A problem on a field, or on its group ("quietHours" names the pair).
  const problem = (...paths: string[]) => paths.map((x) => problems[x]).find(Boolean);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!prefs) return;
    setBusy(true);
    setError(null);
    setProblems({});
    try {
      setPrefs(await api.notifications.savePreferences(prefs));
      showToast({ message: 'Preferences saved' });
    } catch (err) {
      setProblems(problemsByField(err));
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="page" id="main" tabIndex={-1}>
      <div class="page-head">
        <h1>Notification preferences</h1>
        <a href="#/today">Back to tasks</a>
      </div>
      {loadError && (
        <p class="form-error" role="alert">
          {loadError}
        </p>
      )}
      {!prefs && !loadError && <p class="empty">Loading…</p>}
      {prefs && (
        <form class="prefs stack" onSubmit={save} noValidate aria-label="Notification preferences">
          <fieldset class="editor-group">
            <legend>Where each kind of notification reaches you</legend>
            <table class="prefs-matrix">
              <thead>
                <tr>
                  <th scope="col">Notification</th>
                  {CHANNELS.map((c) => (
                    <th key={c.key} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ROWS.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">
                      {row.label}
                      <span class="hint">{row.hint}</span>
                    </th>
                    {CHANNELS.map((c) => {
                      const id = `pref-${row.key}-${c.key}`;
                      if (row.key === 'loginCodes') {
                        return (
                          <td key={c.key}>
                            {c.key === 'email' ? (
                              <input
                                id={id}
                                type="checkbox"
                                checked
                                disabled
                                aria-label={`${row.label} by ${c.label}: always on`}
                              />
                            ) : (
                              <span class="hint" aria-label={`${row.label} are never shown ${c.label}`}>
                                —
                              </span>
                            )}
                          </td>
                        );
                      }
                      const err = problem(`channels.${row.key}.${c.key}`, `channels.${row.key}`);
                      return (
                        <td key={c.key}>
                          <input
                            id={id}
                            type="checkbox"
                            aria-label={`${row.label} by ${c.label}`}
                            aria-invalid={!!err}
                            checked={prefs.channels[row.key][c.key]}
                            onChange={(e) => setChannel(row.key as Switchable, c.key, e.currentTarget.checked)}
                          />
                          {err && (
                            <span class="field-error" role="alert">
                              {err}
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>

          <fieldset class="editor-group">
            <legend>Quiet hours</legend>
            <p class="hint">
              Email waits until quiet hours end (urgent ones still come through); the inbox gets everything at once.
              Times are in {prefs.timeZone.replace(/_/g, ' ')}.
            </p>
            <label class="check">
              <input
                type="checkbox"
                checked={prefs.quietHours.enabled}
                onChange={(e) =>
                  update((p) => ({ ...p, quietHours: { ...p.quietHours, enabled: e.currentTarget.checked } }))
                }
              />
              Hold email during quiet hours
            </label>
            <div class="editor-row">
              <Field label="From" id="quiet-start" error={problem('quietHours.start', 'quietHours')}>
                <input
                  id="quiet-start"
                  type="time"
                  required
                  disabled={!prefs.quietHours.enabled}
                  value={prefs.quietHours.start}
                  aria-invalid={!!problem('quietHours.start')}
                  onInput={(e) => {
                    const start = e.currentTarget.value;
                    update((p) => ({ ...p, quietHours: { ...p.quietHours, start } }));
                  }}
                />
              </Field>
              <Field label="Until" id="quiet-end" error={problem('quietHours.end')}>
                <input
                  id="quiet-end"
                  type="time"
                  required
                  disabled={!prefs.quietHours.enabled}
                  value={prefs.quietHours.end}
                  aria-invalid={!!problem('quietHours.end')}
                  onInput={(e) => {
                    const end = e.currentTarget.value;
                    update((p) => ({ ...p, quietHours: { ...p.quietHours, end } }));
                  }}
                />
              </Field>
            </div>
          </fieldset>

          <fieldset class="editor-group">
            <legend>Daily digest</legend>
            <label class="check">
              <input
                type="checkbox"
                checked={prefs.digest.enabled}
                onChange={(e) => update((p) => ({ ...p, digest: { ...p.digest, enabled: e.currentTarget.checked } }))}
              />
              Send me a digest of the day
            </label>
            <Field label="At" id="digest-time" error={problem('digest.time', 'digest')}>
              <input
                id="digest-time"
                type="time"
                required
                disabled={!prefs.digest.enabled}
                value={prefs.digest.time}
                aria-invalid={!!problem('digest.time')}
                onInput={(e) => {
                  const time = e.currentTarget.value;
                  update((p) => ({ ...p, digest: { ...p.digest, time } }));
                }}
              />
            </Field>
          </fieldset>

          <FormError message={error} />
          <div class="button-row">
            <button type="submit" class="button button-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save preferences'}
            </button>
          </div>
        </form>
      )}
    </main>
  );
}
