import { z } from 'zod';
import { preferencesInput } from '../domain/preferences';

export const inboxQuery = z
  .object({
    view: z.enum(['inbox', 'archived']).default('inbox'),
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const idParams = z.object({ id: z.uuid() }).strict();

export const snoozeBody = z
  .object({ until: z.iso.datetime({ offset: true }).meta({ description: 'An instant in the future' }) })
  .strict();

export const unsubscribeQuery = z.object({ token: z.string().min(1).max(500) }).strict();

export { preferencesInput };
