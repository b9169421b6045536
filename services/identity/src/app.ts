import type { ServiceApp, ServiceKit } from '@daybook/service-kit';
import type { Env } from './env';
import { eventHandlers } from './events';
import { transactor, type Database, type Publish } from './infrastructure/database';
import { loginCodeSealingKeys } from './infrastructure/login-code-sealing';
import { loginCodeStore } from './infrastructure/login-code-store';
import { sessionStore } from './infrastructure/session-store';
import { signingKeyStore } from './infrastructure/signing-key-store';
import { throttleStore } from './infrastructure/throttle-store';
import { userStore } from './infrastructure/user-store';
import { jobHandlers } from './jobs';
import { schedulePeriodicCleanup } from './jobs/clean-up-expired';
import { routes } from './routes';
import { changePassword } from './usecases/change-password';
import { cleanUpExpired } from './usecases/clean-up-expired';
import { deleteAccount } from './usecases/delete-account';
import { sessionIssuer } from './usecases/issue-session';
import { logIn } from './usecases/log-in';
import { logOut } from './usecases/log-out';
import { readProfile } from './usecases/read-profile';
import { readPublicKeys } from './usecases/read-public-keys';
import { refreshSession } from './usecases/refresh-session';
import { requestLoginCode } from './usecases/request-login-code';
import { signUp } from './usecases/sign-up';
import { updateProfile } from './usecases/update-profile';
import { verifyAccessToken } from './usecases/verify-access-token';
import { verifyLoginCode } from './usecases/verify-login-code';

/** The kit as this service has it: its own environment and database client. */
export type Kit = ServiceKit<Env, Database>;

/**
 * The composition root of the identity service: builds every store, adapter and use case
 * once, and hands them to the routes and the job handler that call them.
 */
export function buildApp(kit: Kit): ServiceApp<Database> {
  const now = () => new Date();
  const transact = transactor(kit.db);
  const publish: Publish = (tx, contract, data, opts) => kit.publish(tx, contract, data, opts);
  const log = kit.log;
  const audience = { issuer: kit.env.AUTH_ISSUER, audience: kit.env.AUTH_AUDIENCE };

  // Adapters and stores.
  const signingKeys = signingKeyStore(kit.sidecar, kit.components.secrets);
  const sealingKeys = loginCodeSealingKeys(kit);
  const users = userStore(kit.db);
  const sessions = sessionStore(kit.db);
  const loginCodes = loginCodeStore();
  const throttle = throttleStore(kit.db);

  // Use cases.
  const issuer = sessionIssuer({ sessions, signingKeys, audience });
  const usecases = {
    signUp: signUp({ transact, users, issuer, publish, now }),
    logIn: logIn({ transact, users, throttle, issuer, now }),
    refreshSession: refreshSession({ transact, sessions, issuer, log, now }),
    logOut: logOut({ sessions, now }),
    requestLoginCode: requestLoginCode({ transact, users, loginCodes, throttle, sealingKeys, publish, now }),
    verifyLoginCode: verifyLoginCode({ transact, users, loginCodes, throttle, issuer, sealingKeys, now }),
    readProfile: readProfile({ users }),
    updateProfile: updateProfile({ transact, users, publish, now }),
    changePassword: changePassword({ transact, users, sessions, loginCodes, throttle, now }),
    deleteAccount: deleteAccount({ transact, users, throttle, publish, now }),
    verifyAccessToken: verifyAccessToken({ signingKeys, audience, now }),
    readPublicKeys: readPublicKeys({ signingKeys }),
    cleanUpExpired: cleanUpExpired({ transact, loginCodes, sessions, throttle, log, now }),
  };

  let cleanup: ReturnType<typeof schedulePeriodicCleanup> | undefined;
  return {
    routes: routes(usecases),
    subscriptions: eventHandlers(),
    jobs: jobHandlers(usecases),
    // Not ready until the token signing keys and the login-code sealing keys load from the
    // secret store: a missing key fails the rollout, not the first sign-in.
    readiness: async () => void (await Promise.all([signingKeys.keys(), sealingKeys.keys()])),
    onListening: () => void (cleanup = schedulePeriodicCleanup(kit.jobs, log)),
    onShutdown: async () => cleanup?.stop(),
  };
}
