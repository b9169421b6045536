/**
 * Delay before attempt `attempt + 1` after `attempt` failed: exponential from `baseMs`
 * (15 s, 30 s, 1 min, … 16 min: 8 attempts span about 30 minutes), with ±20% jitter so a
 * relay coming back is not hit by every delivery at once.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
