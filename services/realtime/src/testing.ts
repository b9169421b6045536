// For the use cases' integration tests only (nothing in the service imports it): the real
// change log on a fresh PostgreSQL database.
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { taskCreated, taskUpdated, type CloudEvent } from '@daybook/contracts';
import { buildCloudEvent } from '@daybook/service-kit';
import { createTestDatabase } from '@daybook/testing';
import { ChangeLog } from './infrastructure/change-log';
import { openDatabase } from './infrastructure/database';
import { realtimeMetrics } from './infrastructure/realtime-metrics';

export async function useCaseHarness() {
  const database = await createTestDatabase(['realtime']);
  const db = openDatabase({ DATABASE_URL: database.url }, 'realtime');
  const log = new ChangeLog(db, 'realtime');
  const metrics = realtimeMetrics(new Registry());
  return {
    db,
    log,
    metrics,
    databaseUrl: database.url,
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** A task.updated event of `userId`, as realtime receives it. */
export function taskChange(userId: string, title = 'Water the plants'): CloudEvent {
  const task = { ...taskCreated.example.task, id: randomUUID(), userId, title };
  return buildCloudEvent(taskUpdated, { before: task, task: { ...task, version: 2 } }) as CloudEvent;
}
