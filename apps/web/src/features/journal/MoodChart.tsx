import type { JournalCalendar } from '../../api/types';
import { lastDays } from './days';

const WIDTH = 320;
const HEIGHT = 120;
const PAD = { left: 22, right: 8, top: 8, bottom: 18 };

/**
 * Mood over the last days as an SVG line (1 bad … 5 great), a dot per day written with a
 * mood; gaps where none was given. The summary for screen readers is the chart's label.
 */
export function MoodChart({ calendar, days = 30 }: { calendar: JournalCalendar; days?: number }) {
  const range = lastDays(calendar.today, days);
  const moodOf = new Map(calendar.days.filter((d) => d.mood !== null).map((d) => [d.date, d.mood!]));
  const x = (i: number) => PAD.left + (i * (WIDTH - PAD.left - PAD.right)) / Math.max(1, range.length - 1);
  const y = (mood: number) => PAD.top + ((5 - mood) * (HEIGHT - PAD.top - PAD.bottom)) / 4;
  const points = range.flatMap((date, i) => (moodOf.has(date) ? [{ date, i, mood: moodOf.get(date)! }] : []));
  // A line joins consecutive days only; a day without a mood breaks it.
  const segments: string[] = [];
  let current = '';
  range.forEach((date, i) => {
    const mood = moodOf.get(date);
    if (mood === undefined) {
      if (current) segments.push(current);
      current = '';
    } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(mood).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const average = points.length ? points.reduce((s, p) => s + p.mood, 0) / points.length : null;
  const label = points.length
    ? `Mood over the last ${days} days: ${points.length} days with a mood, average ${average!.toFixed(1)} of 5`
    : `No mood recorded in the last ${days} days`;
  return (
    <figure class="mood-chart">
      <figcaption>Mood, last {days} days</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} data-testid="mood-chart">
        <title>{label}</title>
        {[1, 2, 3, 4, 5].map((m) => (
          <g key={m}>
            <line class="grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(m)} y2={y(m)} />
            <text class="axis" x={PAD.left - 6} y={y(m) + 4} text-anchor="end">
              {m}
            </text>
          </g>
        ))}
        <text class="axis" x={PAD.left} y={HEIGHT - 4}>
          {range[0]!.slice(5)}
        </text>
        <text class="axis" x={WIDTH - PAD.right} y={HEIGHT - 4} text-anchor="end">
          {range[range.length - 1]!.slice(5)}
        </text>
        {segments.map((d) => (
          <path key={d} class="line" d={d} />
        ))}
        {points.map((p) => (
          <circle key={p.date} class="dot" cx={x(p.i)} cy={y(p.mood)} r={3}>
            <title>{`${p.date}: ${p.mood.toFixed(1)}`}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
