import type { ServiceKit } from '@daybook/service-kit';

/** Writes an event to the outbox in the given transaction (`kit.publish`). */
export type Publish = ServiceKit['publish'];
