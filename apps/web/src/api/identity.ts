// The identity service (docs/api.md, "identity — /api/identity"): the calls the app makes.
// Each has a consumer contract in identity.pact.test.ts.
import type { HttpClient } from './http';
import type {
  LoginCodeRequestInput,
  LoginCodeVerifyInput,
  LoginInput,
  LogoutInput,
  RefreshInput,
  Session,
  SignupInput,
} from './types';

export type { SignupInput } from './types';

const base = '/api/identity';

export function identityApi(http: HttpClient) {
  return {
    signup: (input: SignupInput) => http.request<Session>('POST', `${base}/signup`, { body: input, auth: false }),
    login: (email: string, password: string) =>
      http.request<Session>('POST', `${base}/login`, { body: { email, password } satisfies LoginInput, auth: false }),
    /** Uses the httpOnly refresh cookie; the server rotates it. */
    refresh: () => http.request<Session>('POST', `${base}/refresh`, { body: {} satisfies RefreshInput, auth: false }),
    logout: () => http.request<void>('POST', `${base}/logout`, { body: {} satisfies LogoutInput, auth: false }),
    requestLoginCode: (email: string) =>
      http.request<void>('POST', `${base}/login-code`, {
        body: { email } satisfies LoginCodeRequestInput,
        auth: false,
      }),
    verifyLoginCode: (email: string, code: string) =>
      http.request<Session>('POST', `${base}/login-code/verify`, {
        body: { email, code } satisfies LoginCodeVerifyInput,
        auth: false,
      }),
  };
}

export type IdentityApi = ReturnType<typeof identityApi>;
