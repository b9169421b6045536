import type { JournalCalendar } from '../../api/types';
import { lastDays } from './days';

/** The last five weeks, a square per day (filled when written), and the streaks. */
export function StreakCalendar({ calendar }: { calendar: JournalCalendar }) {
  const written = new Map(calendar.days.map((d) => [d.date, d.entries]));
  const days = lastDays(calendar.today, 35);
  return (
    <section class="journal-panel" aria-labelledby="streak-heading">
      <h2 id="streak-heading">Streak</h2>
      <p class="streaks">
        <strong data-testid="current-streak">{calendar.currentStreak}</strong> day
        {calendar.currentStreak === 1 ? '' : 's'} now · longest {calendar.longestStreak}
      </p>
      <ol class="streak-calendar" aria-label="Days written, last five weeks">
        {days.map((date) => {
          const count = written.get(date) ?? 0;
          return (
            <li
              key={date}
              class={count ? 'written' : ''}
              aria-current={date === calendar.today ? 'date' : undefined}
              title={`${date}: ${count ? `${count} ${count === 1 ? 'entry' : 'entries'}` : 'nothing written'}`}
            >
              <span class="visually-hidden">
                {date}: {count ? `${count} written` : 'nothing written'}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
