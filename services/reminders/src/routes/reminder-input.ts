import { z } from 'zod';

const ids = {
  taskId: z.uuid('must be a task id (UUID)'),
  reminderId: z.uuid('must be a reminder id (UUID)'),
};
const minutes = z.number().int().min(1).max(43_200);
const until = z.iso.datetime({ offset: true, message: 'must be an ISO instant' });

/** What the snooze route validates with: one object, so each bad field is named. */
export const snoozeInput = z
  .object({
    ...ids,
    /** Snooze for this long (5 for "5 min", 60 for "1 h")… */
    minutes: minutes.optional(),
    /** …or until this instant ("tomorrow morning", "custom"). */
    until: until.optional(),
  })
  .strict()
  .refine((v) => (v.minutes === undefined) !== (v.until === undefined), {
    message: 'give exactly one of minutes or until',
    path: ['minutes'],
  });

/**
 * The same set of bodies as `snoozeInput`, as the document states it (a refinement cannot
 * be documented): exactly one of minutes or until. A test keeps the two in agreement.
 */
export const snoozeBody = z
  .union([
    z
      .object({ ...ids, minutes })
      .strict()
      .meta({ title: 'For some minutes' }),
    z
      .object({ ...ids, until })
      .strict()
      .meta({ title: 'Until an instant' }),
  ])
  .meta({ id: 'SnoozeInput' });

export const listQuery = z.object({ taskId: ids.taskId.optional() }).strict();
