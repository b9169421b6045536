import { Router } from 'express';
import { validate } from '@daybook/service-kit';
import { loginCodeRequestInput, loginCodeVerifyInput } from '../domain/account';
import type { RequestLoginCode } from '../usecases/request-login-code';
import type { VerifyLoginCode } from '../usecases/verify-login-code';
import { clientIp, sendSession } from './http';

/** Signing in with a one-time code sent by email: /api/identity/login-code and /login-code/verify. */
export function loginCodeRoutes(usecases: {
  requestLoginCode: RequestLoginCode;
  verifyLoginCode: VerifyLoginCode;
}): Router {
  const { requestLoginCode, verifyLoginCode } = usecases;
  const router = Router();

  router.post('/api/identity/login-code', async (req, res) => {
    const { email } = validate(loginCodeRequestInput, req.body, 'body');
    // 202 whether or not the email has an account.
    await requestLoginCode({ email, ip: clientIp(req) });
    res.status(202).end();
  });

  router.post('/api/identity/login-code/verify', async (req, res) => {
    const input = validate(loginCodeVerifyInput, req.body, 'body');
    sendSession(req, res, 200, await verifyLoginCode({ ...input, ip: clientIp(req) }));
  });

  return router;
}
