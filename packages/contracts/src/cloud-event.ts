import { z } from 'zod';

/**
 * CloudEvents 1.0 envelope as Daybook publishes it (JSON structured mode). `data` is
 * validated separately against the event's own contract.
 */
export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  time: z.string().datetime({ offset: true }),
  datacontenttype: z.literal('application/json').optional(),
  subject: z.string().optional(),
  /** Kafka partition key the event was published with. */
  partitionkey: z.string().min(1),
  /** Id of the request or event chain this event belongs to (shared by every hop). */
  correlationid: z.string().min(1),
  /** Id of the event or request that directly caused this one. */
  causationid: z.string().min(1).optional(),
  /** W3C trace context, propagated by Dapr between publisher and subscriber. */
  traceparent: z.string().optional(),
  data: z.unknown(),
});

export type CloudEvent<TData = unknown> = Omit<z.infer<typeof cloudEventSchema>, 'data'> & { data: TData };
