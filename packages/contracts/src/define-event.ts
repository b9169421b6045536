import { z } from 'zod';

/** Topics carry one aggregate's events; each has a dead-letter twin `<topic>.dlq`. */
export const TOPICS = [
  'user-events',
  'task-events',
  'recurring-events',
  'reminder-events',
  'notification-events',
  'journal-events',
] as const;
export type Topic = (typeof TOPICS)[number];

export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** Every topic gets this many partitions: enough for 3 consumer replicas, and per-key order. */
export const TOPIC_PARTITIONS = 3;

export interface EventContract<TSchema extends z.ZodType = z.ZodType, TTopic extends string = string> {
  /** CloudEvent `type`, versioned: a breaking change is a new type, never an edit. */
  readonly type: string;
  readonly topic: TTopic;
  /** The service that publishes it (its Dapr app-id and CloudEvent `source`). */
  readonly source: string;
  readonly description: string;
  readonly schema: TSchema;
  /** Kafka partition key: one entity's events share it, so they stay in order. */
  readonly partitionKey: (data: z.infer<TSchema>) => string;
  readonly partitionKeyRule: string;
  readonly example: z.infer<TSchema>;
}

export type EventData<C extends EventContract> = z.infer<C['schema']>;

export function defineEvent<TSchema extends z.ZodType, TTopic extends string>(
  contract: EventContract<TSchema, TTopic>,
): EventContract<TSchema, TTopic> {
  if (!/^daybook\.[a-z-]+\.[a-z-.]+\.v\d+$/.test(contract.type)) {
    throw new Error(`event type "${contract.type}" must look like daybook.<entity>.<action>.v<N>`);
  }
  const parsed = contract.schema.safeParse(contract.example);
  if (!parsed.success) {
    throw new Error(`example of ${contract.type} does not match its schema: ${parsed.error.message}`);
  }
  return Object.freeze(contract);
}
