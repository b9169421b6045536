import { z } from 'zod';
import type { User } from '../generated/prisma/client';

/** True for real IANA zone names ("Europe/London", "UTC"); false for offsets or made-up names. */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical spelling ("europe/london" → "Europe/London"). */
export const canonicalTimeZone = (zone: string): string =>
  new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;

// Request fields. Emails are trimmed and lower-cased before anything else sees them.
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('must be an email address'))
  .meta({ format: 'email', example: 'ada@example.com' });
export const newPassword = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters')
  .meta({ format: 'password' });
/** A password being checked, not set: no policy beyond a sane size. */
export const givenPassword = z.string().min(1, 'must not be empty').max(200).meta({ format: 'password' });
export const timeZone = z
  .string()
  .refine(isIanaTimeZone, 'must be an IANA time zone, e.g. Europe/London')
  .transform(canonicalTimeZone)
  .meta({
    description:
      'IANA time zone name (any spelling Intl resolves, case-insensitive; stored in its canonical spelling). ' +
      'A name of this shape that is no zone is a 400.',
    example: 'Europe/London',
    pattern: '^[A-Za-z_]+(\\/[A-Za-z0-9_+-]+)*$',
  });
export const displayName = z.string().trim().min(1, 'must not be empty').max(100);
export const loginCode = z
  .string()
  .regex(/^\d{6}$/, 'must be 6 digits')
  .meta({ example: '482913' });
export const refreshToken = z.string().max(200).meta({ description: 'Alternative to the daybook_refresh cookie' });

export const signupInput = z
  .object({ email, password: newPassword, timeZone, displayName: displayName.optional() })
  .strict()
  .meta({ id: 'SignupInput' });
export const loginInput = z.object({ email, password: givenPassword }).strict().meta({ id: 'LoginInput' });
export const refreshInput = z.object({ refreshToken: refreshToken.optional() }).strict().meta({ id: 'RefreshInput' });
export const updateMeInput = z
  .object({ displayName: displayName.nullable().optional(), timeZone: timeZone.optional() })
  .strict()
  .meta({ id: 'UpdateMeInput' });
export const changePasswordInput = z
  .object({ currentPassword: givenPassword, newPassword })
  .strict()
  .meta({ id: 'ChangePasswordInput' });
export const deleteAccountInput = z.object({ password: givenPassword }).strict().meta({ id: 'DeleteAccountInput' });
export const loginCodeRequestInput = z.object({ email }).strict().meta({ id: 'LoginCodeRequestInput' });
export const loginCodeVerifyInput = z.object({ email, code: loginCode }).strict().meta({ id: 'LoginCodeVerifyInput' });

export type SignupInput = z.output<typeof signupInput>;
export type UpdateMeInput = z.output<typeof updateMeInput>;

// Responses.
export const userView = z
  .object({
    id: z.uuid(),
    email: z.email(),
    displayName: z.string().nullable(),
    timeZone: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userView>;

export const sessionView = z
  .object({
    user: userView,
    accessToken: z.string().meta({ description: 'ES256 JWT, 15 minutes' }),
    accessTokenExpiresAt: z.iso.datetime(),
    refreshToken: z.string().meta({ description: 'Opaque; also set as the httpOnly daybook_refresh cookie' }),
  })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof sessionView>;

/** What a profile update changes: only the fields given that differ from the account's. */
export function profileChanges(
  user: Pick<User, 'displayName' | 'timeZone'>,
  input: UpdateMeInput,
): { displayName?: string | null; timeZone?: string } {
  return {
    ...(input.displayName !== undefined && input.displayName !== user.displayName
      ? { displayName: input.displayName }
      : {}),
    ...(input.timeZone !== undefined && input.timeZone !== user.timeZone ? { timeZone: input.timeZone } : {}),
  };
}

export const toUserView = (user: User): UserView => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  timeZone: user.timeZone,
  createdAt: user.createdAt.toISOString(),
});
