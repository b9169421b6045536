import { z } from 'zod';
import { defineJob } from '@daybook/service-kit';

/**
 * The fixed-schedule trigger of a series: one Dapr job per series (`series--<seriesId>`),
 * due when its latest occurrence (`dueLocal`) is due. Scheduled and cancelled by the use
 * cases (app.ts hands them this definition), received by `jobHandlers`. `dueLocal` is
 * optional only for jobs scheduled before it existed.
 */
export const seriesJob = defineJob({
  kind: 'series',
  data: z.object({ seriesId: z.uuid(), dueLocal: z.string().optional() }).strict(),
  failurePolicy: { constant: { interval: '5s', maxRetries: 20 } },
});

export type SeriesJobData = { seriesId: string; dueLocal?: string };
