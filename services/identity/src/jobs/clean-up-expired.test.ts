import { InvalidJobData, createLogger, jobName, type JobDefinition, type JobWhen } from '@daybook/service-kit';
import { CLEANUP_SCHEDULE } from '../domain/retention';
import { CLEANUP_JOB, cleanUpExpiredHandler, cleanUpExpiredJob, schedulePeriodicCleanup } from './clean-up-expired';

const log = createLogger('identity', 'silent');

afterEach(() => jest.useRealTimers());

test('a trigger runs the cleanup; data that breaks the definition is refused', async () => {
  let runs = 0;
  const handler = cleanUpExpiredHandler(async () => {
    runs++;
    return { loginCodes: 0, sessions: 0, refreshTokens: 0, throttles: 0 };
  });
  expect(handler.kind).toBe('identity-cleanup');
  await handler.handle({ name: CLEANUP_JOB, id: 'periodic', data: {} });
  expect(runs).toBe(1);
  await expect(handler.handle({ name: CLEANUP_JOB, id: 'periodic', data: 'nonsense' })).rejects.toThrow(InvalidJobData);
  expect(runs).toBe(1);
});

test('scheduled once an hour, never retried, and rescheduled until the sidecar takes it', async () => {
  jest.useFakeTimers();
  const calls: { def: JobDefinition<unknown>; id: string; when: JobWhen; data: unknown }[] = [];
  let sidecarUp = false;
  const jobs = {
    schedule: async <T>(def: JobDefinition<T>, id: string, when: JobWhen, data: T) => {
      calls.push({ def, id, when, data });
      if (!sidecarUp) throw new Error('sidecar not up yet');
    },
  };
  const scheduling = schedulePeriodicCleanup(jobs, log);
  await jest.advanceTimersByTimeAsync(0);
  expect(calls).toHaveLength(1);
  sidecarUp = true;
  await jest.advanceTimersByTimeAsync(500);
  expect(calls).toHaveLength(2);
  await jest.advanceTimersByTimeAsync(60_000);
  expect(calls).toHaveLength(2);
  scheduling.stop();

  expect(calls[1]).toEqual({ def: cleanUpExpiredJob, id: 'periodic', when: { every: CLEANUP_SCHEDULE }, data: {} });
  expect(jobName(cleanUpExpiredJob.kind, 'periodic')).toBe(CLEANUP_JOB);
  expect(cleanUpExpiredJob.failurePolicy).toEqual({ drop: {} });
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
  const scheduling = schedulePeriodicCleanup(jobs, log);
  await jest.advanceTimersByTimeAsync(0);
  scheduling.stop();
  await jest.advanceTimersByTimeAsync(60_000);
  expect(calls).toBe(1);
});
