import { z } from 'zod';
import { defineJob } from '@daybook/service-kit';

/**
 * The fixed-schedule trigger of a series: one Dapr job per series (`series--<seriesId>`),
 * due when its latest occurrence is due. Scheduled and cancelled by the use cases (app.ts
 * hands them this definition), received by `jobHandlers`.
 */
export const seriesJob = defineJob({
  kind: 'series',
  data: z.object({ seriesId: z.uuid() }).strict(),
  failurePolicy: { constant: { interval: '5s', maxRetries: 20 } },
});
