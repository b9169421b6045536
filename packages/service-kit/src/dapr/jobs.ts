import { Router } from 'express';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';

/**
 * Job names are `<kind>--<id>`: the kind picks the handler, the id is the handler's own
 * (a reminder id, a series id). Dapr job names allow letters, digits, '-', '_' and '.'.
 */
export const jobName = (kind: string, id: string): string => `${kind}--${id}`;
export const jobKind = (name: string): string => name.split('--', 1)[0] ?? name;

export interface JobHandler {
  kind: string;
  /** Throw to have the Scheduler retry per the job's failure policy. */
  handle(job: { name: string; id: string; data: unknown }): Promise<void>;
}

export function job(kind: string, handle: JobHandler['handle']): JobHandler {
  if (!/^[a-z][a-z0-9-]*[a-z0-9]$/.test(kind) || kind.includes('--')) throw new Error(`invalid job kind "${kind}"`);
  return { kind, handle };
}

/** `POST /job/:name`, where the sidecar delivers each trigger from the Dapr Scheduler. */
export function jobRouter(opts: { jobs: JobHandler[]; log: Logger; metrics: Metrics }): Router {
  const { jobs, log, metrics } = opts;
  const byKind = new Map(jobs.map((j) => [j.kind, j]));
  const router = Router();
  router.post('/job/:name', async (req, res) => {
    const name = req.params.name;
    const kind = jobKind(name);
    const handler = byKind.get(kind);
    if (!handler) {
      // 404 tells the Scheduler the trigger is handled: nothing will ever handle it.
      log.warn({ job: name }, 'trigger for an unknown job kind');
      metrics.jobsTriggered.inc({ kind: 'unknown', outcome: 'unknown' });
      res.status(404).json({ error: { code: 'unknown_job', message: `no handler for job kind "${kind}"` } });
      return;
    }
    try {
      await handler.handle({ name, id: name.slice(kind.length + 2), data: req.body });
      metrics.jobsTriggered.inc({ kind, outcome: 'success' });
      res.status(200).json({});
    } catch (err) {
      metrics.jobsTriggered.inc({ kind, outcome: 'failure' });
      log.warn({ job: name, err }, 'job handler failed; the Scheduler will retry');
      res.status(500).json({ error: { code: 'job_failed', message: 'job handler failed' } });
    }
  });
  return router;
}
