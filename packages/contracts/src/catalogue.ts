import type { EventContract } from './define-event';
import * as journal from './events/journal';
import * as listAndTag from './events/list-and-tag';
import * as notification from './events/notification';
import * as recurring from './events/recurring';
import * as reminder from './events/reminder';
import * as task from './events/task';
import * as user from './events/user';

const isContract = (v: unknown): v is EventContract =>
  typeof v === 'object' && v !== null && 'type' in v && 'schema' in v && 'partitionKey' in v;

/** Every event Daybook publishes, in one list (docs, topic provisioning, tests). */
export const ALL_EVENTS: readonly EventContract[] = [user, task, listAndTag, recurring, reminder, notification, journal]
  .flatMap((module) => Object.values(module))
  .filter(isContract);

export function contractForType(type: string): EventContract | undefined {
  return ALL_EVENTS.find((c) => c.type === type);
}
