import { job, type JobHandler } from '@daybook/service-kit';
import type { Unsnooze } from '../usecases/manage-inbox';
import type { SendDigest } from '../usecases/send-digest';
import type { SendEmail } from '../usecases/send-email';
import { digestJob } from './digest-job';
import { emailJob } from './email-job';
import { unsnoozeJob } from './unsnooze-job';

/** Dapr jobs the notifications service handles (POST /job/<kind>--<id>): each calls a use case. */
export function jobHandlers(useCases: {
  sendEmail: SendEmail;
  sendDigest: SendDigest;
  unsnooze: Unsnooze;
}): JobHandler[] {
  return [
    job(emailJob, (data) => useCases.sendEmail(data)),
    job(digestJob, (data) => useCases.sendDigest(data)),
    job(unsnoozeJob, (data) => useCases.unsnooze(data)),
  ];
}
