import { randomUUID } from 'node:crypto';
import { loginCodeRequested, loginCodeSealing } from '@daybook/contracts';
import { seal, type SealingKeyStore } from '@daybook/service-kit';
import { LOGIN_CODE_TTL_MS, hashLoginCode, newLoginCode } from '../domain/login-code';
import { codeRequestSubjects } from '../domain/rate-limit';
import type { Publish, Transact } from '../infrastructure/database';
import type { LoginCodeStore } from '../infrastructure/login-code-store';
import type { ThrottleStore } from '../infrastructure/throttle-store';
import type { UserStore } from '../infrastructure/user-store';

export interface RequestLoginCodeInput {
  email: string;
  /** The client's address: requests count per account and per address. */
  ip: string;
}

export type RequestLoginCode = (input: RequestLoginCodeInput) => Promise<void>;

/**
 * Issues a one-time code for an account and publishes `login-code.requested` (notifications
 * emails it). The answer is the same whether or not the email has an account, and every
 * request counts towards the limits either way, so neither reveals who has one.
 */
export function requestLoginCode(deps: {
  transact: Transact;
  users: Pick<UserStore, 'findByEmail'>;
  loginCodes: Pick<LoginCodeStore, 'voidUnused' | 'create'>;
  throttle: Pick<ThrottleStore, 'check' | 'fail'>;
  sealingKeys: SealingKeyStore;
  publish: Publish;
  now: () => Date;
}): RequestLoginCode {
  const { transact, users, loginCodes, throttle, sealingKeys, publish, now } = deps;
  return async ({ email, ip }) => {
    const subjects = codeRequestSubjects(email, ip);
    await throttle.check(subjects);
    await throttle.fail(subjects);
    const user = await users.findByEmail(email);
    if (!user) return;
    const at = now();
    const id = randomUUID();
    const code = newLoginCode();
    const expiresAt = new Date(at.getTime() + LOGIN_CODE_TTL_MS);
    // The event sits in Kafka, the outbox and every consumer's reach: only notifications,
    // which holds the key, can read the code in it.
    const keys = await sealingKeys.keys();
    const sealedCode = seal(keys, code, loginCodeSealing.context(user.id));
    await transact(async (tx) => {
      // Only the newest code is valid: earlier unused ones are voided.
      await loginCodes.voidUnused(tx, user.id, at);
      await loginCodes.create(tx, {
        id,
        userId: user.id,
        codeHash: hashLoginCode(keys, id, code),
        createdAt: at,
        expiresAt,
      });
      await publish(
        tx,
        loginCodeRequested,
        { userId: user.id, email: user.email, sealedCode, expiresAt: expiresAt.toISOString() },
        { subject: user.id },
      );
    });
  };
}
