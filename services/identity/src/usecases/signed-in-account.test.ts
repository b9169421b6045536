import { RateLimited, Unauthenticated } from '../domain/errors';
import { hashPassword } from '../domain/password';
import { signInSubjects, type ThrottleSubject } from '../domain/rate-limit';
import { confirmPassword } from './signed-in-account';

/** A throttle that remembers failures and blocks when told to. */
function fakeThrottle(blocked = false) {
  const failed: ThrottleSubject[][] = [];
  return {
    failed,
    throttle: {
      check: async () => {
        if (blocked) throw new RateLimited(7);
      },
      fail: async (subjects: ThrottleSubject[]) => void failed.push(subjects),
    },
  };
}

const PASSWORD = 'correct horse battery';
let user: { email: string; passwordHash: string };

beforeAll(async () => {
  // Cheap parameters: this is about what happens around the check, not the hashing.
  user = { email: 'ada@example.com', passwordHash: await hashPassword(PASSWORD, { log2N: 10, r: 8, p: 1 }) };
});

test('the right password passes and counts nothing', async () => {
  const { throttle, failed } = fakeThrottle();
  await expect(confirmPassword(throttle, user, PASSWORD, '198.51.100.7')).resolves.toBeUndefined();
  expect(failed).toEqual([]);
});

test('a wrong one is Unauthenticated and counts as a failed sign-in, per account and per address', async () => {
  const { throttle, failed } = fakeThrottle();
  const wrong = confirmPassword(throttle, user, 'not my password', '198.51.100.7');
  await expect(wrong).rejects.toThrow(Unauthenticated);
  await expect(wrong).rejects.toThrow('password is incorrect');
  expect(failed).toEqual([signInSubjects(user.email, '198.51.100.7')]);
});

test('while the account or address is blocked the password is not even checked', async () => {
  const { throttle, failed } = fakeThrottle(true);
  await expect(confirmPassword(throttle, user, PASSWORD, '198.51.100.7')).rejects.toThrow(RateLimited);
  expect(failed).toEqual([]);
});
