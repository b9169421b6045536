import { z } from 'zod';
import { ianaTimeZone, recurrenceRule } from '@daybook/contracts';

const exdate = z.iso.date('must be dates (YYYY-MM-DD), comma-separated');
/** An item's JSON Schema, as a request gives it. */
const itemSchema = (item: z.ZodType): Record<string, unknown> => {
  const { $schema: _, ...schema } = z.toJSONSchema(item, { io: 'input' });
  return schema;
};

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
      .pipe(z.array(exdate).max(100))
      // The document states the list the route reads (the string is split at commas).
      .meta({
        override: { type: 'array', items: itemSchema(exdate), maxItems: 100 },
        description: 'Dates to skip (YYYY-MM-DD), comma-separated; spaces around items and empty items are ignored',
      })
      .optional()
      .meta({ param: { style: 'form', explode: false } }),
    count: z.coerce.number().int().min(1).max(50).default(5),
    completedAt: z.iso.datetime({ offset: true, message: 'must be an ISO instant' }).optional().meta({
      description:
        'For an after-completion series: the answer also says when the next one is due if it is completed at this instant (e.g. now)',
    }),
  })
  .strict();
