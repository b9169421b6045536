import { Router } from 'express';
import type { z } from 'zod';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { dueTimeAt, type JobSpec, type Sidecar } from './sidecar';

/**
 * Job names are `<kind>--<id>`: the kind picks the handler, the id is the handler's own
 * (a reminder id, a series id). Dapr job names allow letters, digits, '-', '_' and '.'.
 */
export const jobName = (kind: string, id: string): string => `${kind}--${id}`;
export const jobKind = (name: string): string => name.split('--', 1)[0] ?? name;

/**
 * One kind of Dapr job, declared once and used on both sides: `kit.jobs.schedule(def, …)`
 * sends it, `job(def, handler)` receives it, and the data is validated against `data`
 * on the way in, as events are.
 */
export interface JobDefinition<T> {
  kind: string;
  data: z.ZodType<T>;
  /** What the Scheduler does when the handler fails (default: retry every 5 s, 20 times). */
  failurePolicy?: JobSpec['failurePolicy'];
}

export function defineJob<T>(def: JobDefinition<T>): JobDefinition<T> {
  if (!/^[a-z][a-z0-9-]*[a-z0-9]$/.test(def.kind) || def.kind.includes('--')) {
    throw new Error(`invalid job kind "${def.kind}"`);
  }
  return def;
}

/** When a job triggers: once at an instant, or on a schedule (`@every 1h`, cron). */
export type JobWhen = { at: Date } | { every: string };

/** The sending side of jobs: schedule (or replace) and cancel, by definition and id. */
export interface Jobs {
  schedule<T>(def: JobDefinition<T>, id: string, when: JobWhen, data: T): Promise<void>;
  /** Cancelling a job that does not exist is not an error. */
  cancel(def: JobDefinition<unknown>, id: string): Promise<void>;
}

export function jobsClient(sidecar: Sidecar, metrics: Metrics): Jobs {
  return {
    async schedule(def, id, when, data) {
      await sidecar.scheduleJob(jobName(def.kind, id), {
        ...('at' in when ? { dueTime: dueTimeAt(when.at) } : { schedule: when.every }),
        data: def.data.parse(data),
        overwrite: true,
        failurePolicy: def.failurePolicy ?? { constant: { interval: '5s', maxRetries: 20 } },
      });
      metrics.jobsScheduled.inc({ kind: def.kind });
    },
    async cancel(def, id) {
      await sidecar.deleteJob(jobName(def.kind, id));
    },
  };
}

export interface JobHandler {
  kind: string;
  /** Throw to have the Scheduler retry per the job's failure policy. */
  handle(job: { name: string; id: string; data: unknown }): Promise<void>;
}

/** The receiving side: a handler for one job definition, given the job's validated data. */
export function job<T>(
  def: JobDefinition<T>,
  handle: (data: T, job: { id: string; name: string }) => Promise<void>,
): JobHandler {
  return {
    kind: def.kind,
    handle: async ({ name, id, data }) => {
      const parsed = def.data.safeParse(data);
      if (!parsed.success) throw new InvalidJobData(name, parsed.error.issues);
      await handle(parsed.data, { id, name });
    },
  };
}

/** A trigger whose data breaks its definition: retrying cannot help. */
export class InvalidJobData extends Error {
  override name = 'InvalidJobData';
  constructor(
    readonly job: string,
    readonly problems: z.core.$ZodIssue[],
  ) {
    super(`job ${job}: data does not match its definition`);
  }
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
      if (err instanceof InvalidJobData) {
        // Handled, loudly: a retry would fail the same way.
        log.error({ job: name, problems: err.problems }, 'job data does not match its definition: dropped');
        metrics.jobsTriggered.inc({ kind, outcome: 'invalid' });
        res.status(404).json({ error: { code: 'invalid_job_data', message: err.message } });
        return;
      }
      metrics.jobsTriggered.inc({ kind, outcome: 'failure' });
      log.warn({ job: name, err }, 'job handler failed; the Scheduler will retry');
      res.status(500).json({ error: { code: 'job_failed', message: 'job handler failed' } });
    }
  });
  return router;
}
