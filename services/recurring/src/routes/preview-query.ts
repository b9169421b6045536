import { z } from 'zod';
import { ianaTimeZone, recurrenceRule } from '@daybook/contracts';

/** Query of GET /api/recurring/preview. */
export const previewQuery = z
  .object({
    rrule: recurrenceRule,
    /** Local wall-clock time of the first occurrence (the task's due time). */
    start: z.iso.datetime({ local: true, message: 'must be a local date-time (YYYY-MM-DDTHH:mm[:ss])' }),
    timeZone: ianaTimeZone,
    exdates: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.iso.date('must be dates (YYYY-MM-DD), comma-separated')).max(100))
      .optional(),
    count: z.coerce.number().int().min(1).max(50).default(5),
  })
  .strict();
