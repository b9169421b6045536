import { z } from 'zod';

const nonNegativeInteger = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, 'must be a non-negative integer')
  .transform(Number);

/** GET /api/realtime/changes?since=&limit= */
export const changesQuery = z
  .object({
    since: nonNegativeInteger.meta({ description: 'The sync token: the last seq the client has (0: none)' }),
    limit: z
      .string()
      .regex(/^[1-9][0-9]{0,2}$/, 'must be an integer from 1 to 500')
      .transform(Number)
      .pipe(z.number().max(500, 'must be an integer from 1 to 500'))
      .optional()
      .meta({ description: 'At most this many changes (1–500, default 100)' }),
  })
  .strict();
