import { retryDelayMs } from './retry';

test('delays double from the base, with at most ±20% jitter; 8 attempts span about half an hour', () => {
  const middle = [1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(attempt, 15_000, () => 0.5));
  expect(middle).toEqual([15, 30, 60, 120, 240, 480, 960].map((s) => s * 1000));
  expect(middle.reduce((a, b) => a + b, 0) / 60_000).toBeCloseTo(31.75);
  expect(retryDelayMs(3, 15_000, () => 0)).toBe(48_000);
  expect(retryDelayMs(3, 15_000, () => 0.999999)).toBe(72_000);
});
