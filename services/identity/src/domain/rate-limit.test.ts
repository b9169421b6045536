import {
  ACCOUNT_CODE_REQUESTS,
  ACCOUNT_FAILURES,
  IP_FAILURES,
  afterFailure,
  afterSuccess,
  retryAfterSeconds,
  throttleKey,
  type ThrottlePolicy,
  type ThrottleState,
} from './rate-limit';

const t0 = new Date('2026-11-22T09:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function fail(policy: ThrottlePolicy, times: number, stepMs = 0, start?: ThrottleState) {
  let state = start;
  for (let i = 0; i < times; i++) state = afterFailure(state, policy, at(i * stepMs));
  return state!;
}

test('the first failures of an account are free; then backoff starts at 2 s and doubles', () => {
  const five = fail(ACCOUNT_FAILURES, 5);
  expect(retryAfterSeconds(five, t0)).toBe(0);
  const six = afterFailure(five, ACCOUNT_FAILURES, t0);
  expect(retryAfterSeconds(six, t0)).toBe(2);
  const seven = afterFailure(six, ACCOUNT_FAILURES, at(2_000));
  expect(retryAfterSeconds(seven, at(2_000))).toBe(4);
  const eight = afterFailure(seven, ACCOUNT_FAILURES, at(6_000));
  expect(retryAfterSeconds(eight, at(6_000))).toBe(8);
  expect(retryAfterSeconds(eight, at(14_000))).toBe(0);
});

test('backoff never exceeds its maximum', () => {
  const policy = { ...ACCOUNT_FAILURES, maxPerWindow: 1_000 };
  const many = fail(policy, 60);
  expect(retryAfterSeconds(many, t0)).toBe(15 * 60);
});

test('the window limit blocks until the window ends, then counting starts again', () => {
  // Failures a minute apart: backoff from the sixth, but the window is what blocks the tenth.
  const ten = fail(ACCOUNT_FAILURES, 10, 60_000);
  expect(ten.windowCount).toBe(10);
  expect(retryAfterSeconds(ten, at(9 * 60_000))).toBe(6 * 60);
  const later = afterFailure(ten, ACCOUNT_FAILURES, at(15 * 60_000));
  expect(later.windowCount).toBe(1);
  expect(later.windowStartedAt).toEqual(at(15 * 60_000));
});

test('the IP limit is 50 failures per window, with no backoff before it', () => {
  const fortyNine = fail(IP_FAILURES, 49);
  expect(retryAfterSeconds(fortyNine, t0)).toBe(0);
  expect(retryAfterSeconds(afterFailure(fortyNine, IP_FAILURES, t0), t0)).toBe(15 * 60);
});

test('a success resets the backoff but not a full window', () => {
  const six = fail(ACCOUNT_FAILURES, 6);
  const ok = afterSuccess(six, ACCOUNT_FAILURES, at(3_000));
  expect(ok.consecutiveFailures).toBe(0);
  expect(retryAfterSeconds(ok, at(3_000))).toBe(0);
  expect(retryAfterSeconds(afterFailure(ok, ACCOUNT_FAILURES, at(3_000)), at(3_000))).toBe(0);
  const full = fail(ACCOUNT_FAILURES, 10);
  expect(retryAfterSeconds(afterSuccess(full, ACCOUNT_FAILURES, t0), t0)).toBe(15 * 60);
});

test('code requests: five per account per window', () => {
  const four = fail(ACCOUNT_CODE_REQUESTS, 4);
  expect(retryAfterSeconds(four, t0)).toBe(0);
  expect(retryAfterSeconds(afterFailure(four, ACCOUNT_CODE_REQUESTS, t0), t0)).toBe(15 * 60);
});

test('keys are digests of their subject: no email or IP is stored', () => {
  const key = throttleKey('account', 'ada@example.com');
  expect(key).toMatch(/^account:[\w-]{43}$/);
  expect(key).not.toContain('ada');
  expect(throttleKey('account', 'ada@example.com')).toBe(key);
  expect(throttleKey('ip', 'ada@example.com')).not.toBe(key);
});
