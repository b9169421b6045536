import type { ServiceKit } from '@daybook/service-kit';

/**
 * Writes an event to the outbox in the given transaction (`kit.publish`): it is published
 * if and only if that transaction commits.
 */
export type Publish = ServiceKit['publish'];

/**
 * Writes a change (an INSERT, UPDATE or DELETE … RETURNING) and its event's outbox row in one
 * statement, in the given transaction (`kit.publishAlong`): the hot path's single round trip.
 */
export type PublishAlong = ServiceKit['publishAlong'];
