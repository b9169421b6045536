import { Router } from 'express';
import { validate } from '@daybook/service-kit';
import { changePasswordInput, deleteAccountInput, signupInput, toUserView, updateMeInput } from '../domain/account';
import type { ChangePassword } from '../usecases/change-password';
import type { DeleteAccount } from '../usecases/delete-account';
import type { ReadProfile } from '../usecases/read-profile';
import type { SignUp } from '../usecases/sign-up';
import type { UpdateProfile } from '../usecases/update-profile';
import type { VerifyAccessToken } from '../usecases/verify-access-token';
import { clearRefreshCookie, clientIp, requireAccount, sendSession } from './http';

/** Sign-up and the signed-in person's own account: /api/identity/signup, /me, /password. */
export function accountRoutes(usecases: {
  signUp: SignUp;
  readProfile: ReadProfile;
  updateProfile: UpdateProfile;
  changePassword: ChangePassword;
  deleteAccount: DeleteAccount;
  verifyAccessToken: VerifyAccessToken;
}): Router {
  const { signUp, readProfile, updateProfile, changePassword, deleteAccount } = usecases;
  const router = Router();
  const signedIn = requireAccount(usecases.verifyAccessToken);

  router.post('/api/identity/signup', async (req, res) => {
    const input = validate(signupInput, req.body, 'body');
    sendSession(req, res, 201, await signUp(input));
  });

  router.get('/api/identity/me', signedIn, async (req, res) => {
    res.json(toUserView(await readProfile(req.user!.id)));
  });

  router.patch('/api/identity/me', signedIn, async (req, res) => {
    const input = validate(updateMeInput, req.body, 'body');
    res.json(toUserView(await updateProfile(req.user!.id, input)));
  });

  router.post('/api/identity/password', signedIn, async (req, res) => {
    const input = validate(changePasswordInput, req.body, 'body');
    await changePassword({ ...input, userId: req.user!.id, sessionId: res.locals.sessionId!, ip: clientIp(req) });
    res.status(204).end();
  });

  router.delete('/api/identity/me', signedIn, async (req, res) => {
    const input = validate(deleteAccountInput, req.body ?? {}, 'body');
    await deleteAccount({ ...input, userId: req.user!.id, ip: clientIp(req) });
    clearRefreshCookie(req, res);
    res.status(204).end();
  });

  return router;
}
