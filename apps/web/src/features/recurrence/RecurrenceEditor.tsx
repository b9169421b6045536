// The "Repeat" part of the task editor: human choices that build the RRULE (rule.ts), the
// mode, missed occurrences, skipped dates, and the next five dates from the recurring
// service's preview. Rules the choices cannot show stay in the advanced text field.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { RecurrenceMode } from '../../api/types';
import type { PreviewOccurrence } from '../../api/recurring';
import { wallClockLabel } from '../../lib/dates';
import {
  NTHS,
  NTH_NAMES,
  WEEKDAYS,
  WEEKDAY_NAMES,
  WORKWEEK,
  buildRule,
  defaultChoices,
  describeRule,
  parseRule,
  type Freq,
  type Nth,
  type RuleChoices,
  type Weekday,
} from './rule';

export interface RecurrenceValue {
  rrule: string;
  mode: RecurrenceMode;
  missed: '' | 'create' | 'skip';
  exdates: string[];
}

interface Props {
  value: RecurrenceValue;
  onChange: (patch: Partial<RecurrenceValue>) => void;
  /** Where the series starts: wall clock `YYYY-MM-DDTHH:mm` in `timeZone`. */
  start: string;
  timeZone: string;
  error?: string;
}

const FREQ_LABELS: Record<Freq, string> = {
  never: 'Never',
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  yearly: 'Yearly',
};
const UNITS: Record<Freq, string> = { never: '', daily: 'days', weekly: 'weeks', monthly: 'months', yearly: 'years' };
const SHORT: Record<Weekday, string> = { MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun' };

export function usePreview(rrule: string, start: string, timeZone: string, exdates: string[]) {
  const [state, setState] = useState<{ items: PreviewOccurrence[]; error: string | null; loading: boolean }>({
    items: [],
    error: null,
    loading: false,
  });
  const key = `${rrule}|${start}|${timeZone}|${exdates.join(',')}`;
  useEffect(() => {
    if (!rrule.trim() || !start) {
      setState({ items: [], error: null, loading: false });
      return;
    }
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      api.recurring
        .preview({ rrule: rrule.trim().replace(/^RRULE:/i, ''), start, timeZone, exdates, count: 5 }, abort.signal)
        .then((r) => setState({ items: r.occurrences, error: null, loading: false }))
        .catch((err: unknown) => {
          if (abort.signal.aborted) return;
          setState({ items: [], error: err instanceof Error ? err.message : String(err), loading: false });
        });
    }, 350);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [key]);
  return state;
}

export function RecurrenceEditor({ value, onChange, start, timeZone, error }: Props) {
  const startDate = start ? new Date(`${start.slice(0, 10)}T12:00:00`) : new Date();
  const [choices, setChoices] = useState<RuleChoices>(
    () => parseRule(value.rrule) ?? defaultChoices('never', startDate),
  );
  const [advanced, setAdvanced] = useState(() => parseRule(value.rrule) === null);
  const [notice, setNotice] = useState<string | null>(null);
  const [skipDate, setSkipDate] = useState('');
  const preview = usePreview(value.rrule, start, timeZone, value.exdates);

  const update = (patch: Partial<RuleChoices>) => {
    const next = { ...choices, ...patch };
    if (patch.freq === 'monthly' && choices.freq !== 'monthly') {
      const d = defaultChoices('monthly', startDate);
      next.monthDay = d.monthDay;
      next.nthWeekday = d.nthWeekday;
    }
    setChoices(next);
    onChange({ rrule: buildRule(next) });
  };

  const toggleAdvanced = () => {
    if (!advanced) return setAdvanced(true);
    const parsed = parseRule(value.rrule);
    if (!parsed) {
      setNotice('This rule has parts the choices cannot show; edit it as text, or clear it to start over.');
      return;
    }
    setNotice(null);
    setChoices(parsed);
    setAdvanced(false);
  };

  const repeating = !!value.rrule.trim();
  const workweek = choices.byDay.length === 5 && WORKWEEK.every((d) => choices.byDay.includes(d));

  return (
    <fieldset class="editor-group recurrence" data-testid="recurrence-editor">
      <legend>Repeat</legend>
      {advanced ? (
        <div class="field">
          <label for="editor-rrule">Rule (RRULE)</label>
          <input
            id="editor-rrule"
            spellcheck={false}
            placeholder="FREQ=DAILY"
            aria-describedby="editor-rrule-hint"
            aria-invalid={!!error}
            value={value.rrule}
            onInput={(e) => onChange({ rrule: e.currentTarget.value })}
          />
          <p class="hint" id="editor-rrule-hint">
            For example FREQ=WEEKLY;BYDAY=MO
          </p>
        </div>
      ) : (
        <>
          <div class="editor-row">
            <div class="field">
              <label for="rec-freq">Repeats</label>
              <select
                id="rec-freq"
                value={choices.freq}
                onChange={(e) => update({ freq: e.currentTarget.value as Freq })}
              >
                {(Object.keys(FREQ_LABELS) as Freq[]).map((f) => (
                  <option key={f} value={f}>
                    {FREQ_LABELS[f]}
                  </option>
                ))}
              </select>
            </div>
            {choices.freq !== 'never' && (
              <div class="field">
                <label for="rec-interval">Every</label>
                <span class="inline-input">
                  <input
                    id="rec-interval"
                    type="number"
                    min={1}
                    max={999}
                    class="narrow"
                    value={choices.interval}
                    aria-describedby="rec-interval-unit"
                    onInput={(e) => {
                      const n = e.currentTarget.valueAsNumber;
                      if (Number.isFinite(n) && n >= 1) update({ interval: Math.floor(n) });
                    }}
                  />
                  <span id="rec-interval-unit">{UNITS[choices.freq]}</span>
                </span>
              </div>
            )}
          </div>

          {choices.freq === 'weekly' && (
            <fieldset class="subgroup">
              <legend>On</legend>
              <div class="weekdays">
                {WEEKDAYS.map((d) => (
                  <label key={d} class="chip-check" title={WEEKDAY_NAMES[d]}>
                    <input
                      type="checkbox"
                      aria-label={WEEKDAY_NAMES[d]}
                      checked={choices.byDay.includes(d)}
                      onChange={(e) =>
                        update({
                          byDay: e.currentTarget.checked ? [...choices.byDay, d] : choices.byDay.filter((x) => x !== d),
                        })
                      }
                    />
                    <span aria-hidden="true">{SHORT[d]}</span>
                  </label>
                ))}
              </div>
              <button
                type="button"
                class="button button-small"
                aria-pressed={workweek}
                onClick={() => update({ interval: 1, byDay: [...WORKWEEK] })}
              >
                Every weekday
              </button>
            </fieldset>
          )}

          {choices.freq === 'monthly' && (
            <fieldset class="subgroup">
              <legend>On</legend>
              <span class="inline-input">
                <label class="check">
                  <input
                    type="radio"
                    name="rec-monthly"
                    checked={choices.monthlyKind === 'day'}
                    onChange={() => update({ monthlyKind: 'day' })}
                  />
                  on day
                </label>
                <label class="visually-hidden" for="rec-monthday">
                  Day of the month
                </label>
                <input
                  id="rec-monthday"
                  type="number"
                  min={1}
                  max={31}
                  class="narrow"
                  value={choices.monthDay}
                  onInput={(e) => {
                    const n = e.currentTarget.valueAsNumber;
                    if (n >= 1 && n <= 31) update({ monthlyKind: 'day', monthDay: Math.floor(n) });
                  }}
                />
              </span>
              <label class="check">
                <input
                  type="radio"
                  name="rec-monthly"
                  checked={choices.monthlyKind === 'last-day'}
                  onChange={() => update({ monthlyKind: 'last-day' })}
                />
                on the last day
              </label>
              <span class="inline-input">
                <label class="check">
                  <input
                    type="radio"
                    name="rec-monthly"
                    checked={choices.monthlyKind === 'nth'}
                    onChange={() => update({ monthlyKind: 'nth' })}
                  />
                  on the
                </label>
                <label class="visually-hidden" for="rec-nth">
                  Which week
                </label>
                <select
                  id="rec-nth"
                  value={String(choices.nth)}
                  onChange={(e) => update({ monthlyKind: 'nth', nth: Number(e.currentTarget.value) as Nth })}
                >
                  {NTHS.map((n) => (
                    <option key={n} value={String(n)}>
                      {NTH_NAMES[String(n)]}
                    </option>
                  ))}
                </select>
                <label class="visually-hidden" for="rec-nth-day">
                  Weekday
                </label>
                <select
                  id="rec-nth-day"
                  value={choices.nthWeekday}
                  onChange={(e) => update({ monthlyKind: 'nth', nthWeekday: e.currentTarget.value as Weekday })}
                >
                  {WEEKDAYS.map((d) => (
                    <option key={d} value={d}>
                      {WEEKDAY_NAMES[d]}
                    </option>
                  ))}
                </select>
              </span>
            </fieldset>
          )}

          {choices.freq !== 'never' && (
            <fieldset class="subgroup">
              <legend>Ends</legend>
              <label class="check">
                <input
                  type="radio"
                  name="rec-end"
                  checked={choices.endKind === 'never'}
                  onChange={() => update({ endKind: 'never' })}
                />
                never
              </label>
              <span class="inline-input">
                <label class="check">
                  <input
                    type="radio"
                    name="rec-end"
                    checked={choices.endKind === 'count'}
                    onChange={() => update({ endKind: 'count' })}
                  />
                  after
                </label>
                <label class="visually-hidden" for="rec-count">
                  Number of times
                </label>
                <input
                  id="rec-count"
                  type="number"
                  min={1}
                  max={999}
                  class="narrow"
                  value={choices.count}
                  onInput={(e) => {
                    const n = e.currentTarget.valueAsNumber;
                    if (n >= 1) update({ endKind: 'count', count: Math.floor(n) });
                  }}
                />
                times
              </span>
              <span class="inline-input">
                <label class="check">
                  <input
                    type="radio"
                    name="rec-end"
                    checked={choices.endKind === 'until'}
                    onChange={() => update({ endKind: 'until' })}
                  />
                  on
                </label>
                <label class="visually-hidden" for="rec-until">
                  End date
                </label>
                <input
                  id="rec-until"
                  type="date"
                  value={choices.until}
                  onInput={(e) => update({ endKind: 'until', until: e.currentTarget.value })}
                />
              </span>
            </fieldset>
          )}
          {repeating && (
            <p class="hint" data-testid="rule-summary">
              {describeRule(choices)}
            </p>
          )}
        </>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" class="button button-link" aria-pressed={advanced} onClick={toggleAdvanced}>
        {advanced ? 'Back to choices' : 'Advanced: RRULE text'}
      </button>
      {notice && (
        <p class="hint" role="status">
          {notice}
        </p>
      )}

      {repeating && (
        <>
          <fieldset class="subgroup" role="radiogroup">
            <legend>Next one</legend>
            <label class="check">
              <input
                type="radio"
                name="rec-mode"
                checked={value.mode === 'after-completion'}
                onChange={() => onChange({ mode: 'after-completion' })}
              />
              after I complete it
            </label>
            <label class="check">
              <input
                type="radio"
                name="rec-mode"
                checked={value.mode === 'fixed-schedule'}
                onChange={() => onChange({ mode: 'fixed-schedule' })}
              />
              on a fixed schedule
            </label>
          </fieldset>
          {value.mode === 'fixed-schedule' && (
            <div class="field">
              <label for="rec-missed">Missed occurrences</label>
              <select
                id="rec-missed"
                value={value.missed || 'create'}
                onChange={(e) => onChange({ missed: e.currentTarget.value as 'create' | 'skip' })}
              >
                <option value="create">create them</option>
                <option value="skip">skip them</option>
              </select>
            </div>
          )}
          <fieldset class="subgroup">
            <legend>Skipped dates</legend>
            {value.exdates.length > 0 && (
              <ul class="exdates">
                {value.exdates.map((d) => (
                  <li key={d}>
                    <time dateTime={d}>{d}</time>
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={`Don’t skip ${d}`}
                      onClick={() => onChange({ exdates: value.exdates.filter((x) => x !== d) })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <span class="inline-input">
              <label class="visually-hidden" for="rec-skip">
                Date to skip
              </label>
              <input id="rec-skip" type="date" value={skipDate} onInput={(e) => setSkipDate(e.currentTarget.value)} />
              <button
                type="button"
                class="button button-small"
                disabled={!skipDate || value.exdates.includes(skipDate)}
                onClick={() => {
                  onChange({ exdates: [...value.exdates, skipDate].sort() });
                  setSkipDate('');
                }}
              >
                Skip this date
              </button>
            </span>
          </fieldset>

          <section class="preview" aria-labelledby="rec-preview-title" aria-busy={preview.loading}>
            <h3 id="rec-preview-title">Next five dates</h3>
            <p class="hint">In {timeZone.replace(/_/g, ' ')}</p>
            {preview.error ? (
              <p class="field-error" role="alert" data-testid="preview-error">
                {preview.error}
              </p>
            ) : (
              <ol class="preview-dates" aria-live="polite" data-testid="preview-dates">
                {preview.items.map((o) => (
                  <li key={o.at}>
                    <time dateTime={o.local}>{wallClockLabel(o.local)}</time>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </fieldset>
  );
}
