import { job, type JobHandler } from '@daybook/service-kit';
import type { CreateDueOccurrences } from '../usecases/create-due-occurrences';
import { seriesJob } from './series-job';

/** Dapr jobs the recurring service handles (POST /job/<kind>--<id>): each calls a use case. */
export function jobHandlers(usecases: { createDueOccurrences: CreateDueOccurrences }): JobHandler[] {
  return [job(seriesJob, (data) => usecases.createDueOccurrences.execute(data))];
}
