import type { ServiceKit } from '@daybook/service-kit';

/**
 * Writes an event to the outbox in the given transaction (`kit.publish`): it is published
 * if and only if that transaction commits.
 */
export type Publish = ServiceKit['publish'];
