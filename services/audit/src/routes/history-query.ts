import { z } from 'zod';
import { MAX_ENTRY_ID } from '../domain/audit-entry';

const notACursor = 'must be a cursor returned by a previous page';

/**
 * Decimal numbers from 0 to `max`, as a regular expression: fewer digits than `max`, or as
 * many and not above it, digit by digit. The cursor's whole range is in the pattern, so the
 * OpenAPI document says exactly what the route accepts.
 */
export function upTo(max: bigint): RegExp {
  const digits = max.toString();
  const shorter = digits.length > 1 ? [`\\d{1,${digits.length - 1}}`] : [];
  const below = [...digits].flatMap((d, i) => {
    if (d === '0') return [];
    const lower = d === '1' ? '0' : `[0-${Number(d) - 1}]`;
    const rest = digits.length - i - 1;
    return [`${digits.slice(0, i)}${lower}${rest > 0 ? `\\d{${rest}}` : ''}`];
  });
  return new RegExp(`^(?:${[...shorter, ...below, digits].join('|')})$`);
}

/** Query of both history endpoints: newest first, `limit` per page, older than `cursor`. */
export const pageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /**
     * Opaque cursor from the previous page's `nextCursor`: the id of its last entry, so at
     * most MAX_ENTRY_ID (a larger number would fail inside the query).
     */
    cursor: z
      .string()
      .regex(upTo(MAX_ENTRY_ID), notACursor)
      .transform(BigInt)
      .meta({ description: 'The nextCursor of the previous page' })
      .optional(),
  })
  .strict();

/** Path of GET /api/audit/entities/:entityType/:entityId. */
export const entityParams = z.object({
  entityType: z.string().regex(/^[a-z-]+$/, 'must be an entity type such as "task"'),
  entityId: z.string().min(1).max(200),
});
