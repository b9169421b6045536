import { Router } from 'express';
import { openApiRouter } from '@daybook/service-kit';
import type { ChangePassword } from '../usecases/change-password';
import type { DeleteAccount } from '../usecases/delete-account';
import type { LogIn } from '../usecases/log-in';
import type { LogOut } from '../usecases/log-out';
import type { ReadProfile } from '../usecases/read-profile';
import type { ReadPublicKeys } from '../usecases/read-public-keys';
import type { RefreshSession } from '../usecases/refresh-session';
import type { RequestLoginCode } from '../usecases/request-login-code';
import type { SignUp } from '../usecases/sign-up';
import type { UpdateProfile } from '../usecases/update-profile';
import type { VerifyAccessToken } from '../usecases/verify-access-token';
import type { VerifyLoginCode } from '../usecases/verify-login-code';
import { accountRoutes } from './account';
import { identityErrors } from './http';
import { loginCodeRoutes } from './login-code';
import { identityOpenApiDocument } from './openapi';
import { sessionRoutes } from './session';

/** The use cases the HTTP API calls. */
export interface RouteUsecases {
  signUp: SignUp;
  logIn: LogIn;
  refreshSession: RefreshSession;
  logOut: LogOut;
  requestLoginCode: RequestLoginCode;
  verifyLoginCode: VerifyLoginCode;
  readProfile: ReadProfile;
  updateProfile: UpdateProfile;
  changePassword: ChangePassword;
  deleteAccount: DeleteAccount;
  verifyAccessToken: VerifyAccessToken;
  readPublicKeys: ReadPublicKeys;
}

/** Public API of the identity service, under /api/identity. */
export function routes(usecases: RouteUsecases): Router {
  const router = Router();
  // Public keys of access tokens: every service verifies tokens locally against these.
  router.get(['/.well-known/jwks.json', '/api/identity/.well-known/jwks.json'], async (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300').json(await usecases.readPublicKeys());
  });
  router.use(openApiRouter('identity', identityOpenApiDocument()));
  router.use(accountRoutes(usecases));
  router.use(sessionRoutes(usecases));
  router.use(loginCodeRoutes(usecases));
  router.use(identityErrors);
  return router;
}
