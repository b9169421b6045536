import { z } from 'zod';
import type { NotificationCategory } from '@daybook/contracts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (00:00 to 23:59)');
const inAppAndEmail = z.object({ inApp: z.boolean(), email: z.boolean() }).strict();

/** What a user chooses (PUT /preferences takes the whole object; timeZone is read-only and ignored). */
export const preferencesInput = z
  .object({
    timeZone: z.string().optional(),
    channels: z
      .object({
        reminders: inAppAndEmail,
        loginCodes: z.object({ email: z.literal(true, 'login codes are always emailed') }).strict(),
        digests: inAppAndEmail,
        system: inAppAndEmail,
      })
      .strict(),
    quietHours: z.object({ enabled: z.boolean(), start: clock, end: clock }).strict(),
    digest: z.object({ enabled: z.boolean(), time: clock }).strict(),
  })
  .strict();

export type Preferences = Omit<z.infer<typeof preferencesInput>, 'timeZone'>;

export const DEFAULT_PREFERENCES: Preferences = {
  channels: {
    reminders: { inApp: true, email: true },
    loginCodes: { email: true },
    digests: { inApp: true, email: true },
    system: { inApp: true, email: true },
  },
  quietHours: { enabled: false, start: '22:00', end: '07:00' },
  digest: { enabled: false, time: '08:00' },
};

/** Stored preferences, read defensively: anything missing or broken falls back to the default. */
export function readPreferences(stored: unknown): Preferences {
  const parsed = preferencesInput.safeParse(stored);
  if (!parsed.success) return DEFAULT_PREFERENCES;
  const { timeZone: _ignored, ...rest } = parsed.data;
  return rest;
}

export function channelsFor(prefs: Preferences, category: NotificationCategory): { inApp: boolean; email: boolean } {
  return prefs.channels[category];
}

/** One-click unsubscribe switches off the category's email, nothing else. */
export function withoutEmail(prefs: Preferences, category: NotificationCategory): Preferences {
  return { ...prefs, channels: { ...prefs.channels, [category]: { ...prefs.channels[category], email: false } } };
}
