import { useState } from 'preact/hooks';
import type { JournalSettings, WeeklyReview } from '../../api/types';

/** The latest weekly review, and when the next one is written (Sundays at a local time). */
export function WeeklyReviewPanel(props: {
  review: WeeklyReview | undefined;
  settings: JournalSettings;
  onReviewTime: (time: string | null) => void;
}) {
  const { review, settings } = props;
  const [time, setTime] = useState(settings.reviewTime ?? '19:00');
  return (
    <section class="journal-panel" aria-labelledby="review-heading">
      <h2 id="review-heading">Weekly review</h2>
      {review ? (
        <div data-testid="weekly-review">
          <p>
            Week of {review.weekStart}: {review.entryIds.length} entries, streak {review.streak}.
          </p>
          {review.themes.length > 0 && <p>Themes: {review.themes.join(', ')}</p>}
          {review.moodTrend.length > 0 && (
            <p>Mood: {review.moodTrend.map((d) => `${d.date.slice(5)} ${d.mood}`).join(' → ')}</p>
          )}
        </div>
      ) : (
        <p class="muted">No review yet.</p>
      )}
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          props.onReviewTime(time);
        }}
      >
        <label for="review-time">Sundays at</label>
        <input id="review-time" type="time" value={time} onInput={(e) => setTime(e.currentTarget.value)} />
        <button type="submit" class="button">
          {settings.reviewTime ? 'Change' : 'Turn on'}
        </button>
        {settings.reviewTime && (
          <button type="button" class="button button-link" onClick={() => props.onReviewTime(null)}>
            Turn off
          </button>
        )}
      </form>
    </section>
  );
}
