import type { JobHandler } from '@daybook/service-kit';
import type { SweepExpiredHistory } from '../usecases/sweep-expired-history';
import { sweepExpiredHistoryHandler } from './sweep-expired-history';

/** Dapr jobs the audit service handles (POST /job/<kind>--<id>): the retention sweep. */
export function jobHandlers(usecases: { sweepExpiredHistory: SweepExpiredHistory }): JobHandler[] {
  return [sweepExpiredHistoryHandler(usecases.sweepExpiredHistory)];
}
