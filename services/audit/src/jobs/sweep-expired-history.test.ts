import { InvalidJobData, createLogger, jobName, type JobDefinition, type JobWhen } from '@daybook/service-kit';
import {
  SWEEP_JOB,
  schedulePeriodicSweep,
  sweepExpiredHistoryHandler,
  sweepExpiredHistoryJob,
} from './sweep-expired-history';

const log = createLogger('audit', 'silent');

afterEach(() => jest.useRealTimers());

test('a trigger runs the sweep; data that breaks the definition is refused', async () => {
  let runs = 0;
  const handler = sweepExpiredHistoryHandler(async () => {
    runs++;
    return 0;
  });
  expect(handler.kind).toBe('audit-retention');
  await handler.handle({ name: SWEEP_JOB, id: 'periodic', data: {} });
  expect(runs).toBe(1);
  await expect(handler.handle({ name: SWEEP_JOB, id: 'periodic', data: 'nonsense' })).rejects.toThrow(InvalidJobData);
  expect(runs).toBe(1);
});

test('scheduled on the configured schedule, never retried, and rescheduled until the sidecar takes it', async () => {
  jest.useFakeTimers();
  const calls: { def: JobDefinition<unknown>; id: string; when: JobWhen; data: unknown }[] = [];
  let sidecarUp = false;
  const jobs = {
    schedule: async <T>(def: JobDefinition<T>, id: string, when: JobWhen, data: T) => {
      calls.push({ def, id, when, data });
      if (!sidecarUp) throw new Error('sidecar not up yet');
    },
  };
  const scheduling = schedulePeriodicSweep(jobs, '@every 6h', log);
  await jest.advanceTimersByTimeAsync(0);
  expect(calls).toHaveLength(1);
  sidecarUp = true;
  await jest.advanceTimersByTimeAsync(500);
  expect(calls).toHaveLength(2);
  await jest.advanceTimersByTimeAsync(60_000);
  expect(calls).toHaveLength(2);
  scheduling.stop();

  expect(calls[1]).toEqual({ def: sweepExpiredHistoryJob, id: 'periodic', when: { every: '@every 6h' }, data: {} });
  expect(jobName(sweepExpiredHistoryJob.kind, 'periodic')).toBe(SWEEP_JOB);
  expect(sweepExpiredHistoryJob.failurePolicy).toEqual({ drop: {} });
});

test('stopping ends the retries', async () => {
  jest.useFakeTimers();
  let calls = 0;
  const jobs = {
    schedule: async () => {
      calls++;
      throw new Error('sidecar not up yet');
    },
  };
  const scheduling = schedulePeriodicSweep(jobs, '@every 1h', log);
  await jest.advanceTimersByTimeAsync(0);
  scheduling.stop();
  await jest.advanceTimersByTimeAsync(60_000);
  expect(calls).toBe(1);
});
