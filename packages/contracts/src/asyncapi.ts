import { z } from 'zod';
import { ALL_EVENTS } from './catalogue';
import { cloudEventSchema } from './cloud-event';
import { TOPICS, TOPIC_PARTITIONS, deadLetterTopic, type EventContract } from './define-event';
import { isSensitive, sensitivePaths } from './sensitive';

/**
 * JSON Schema (draft 2020-12) of an event's `data`. A sensitive field (see `sensitive`)
 * carries `x-sensitive: true`, the extension spelling AsyncAPI tools pass through.
 */
export function toJsonSchema(contract: EventContract): Record<string, unknown> {
  return z.toJSONSchema(contract.schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (!isSensitive(zodSchema)) return;
      delete (jsonSchema as Record<string, unknown>).sensitive;
      (jsonSchema as Record<string, unknown>)['x-sensitive'] = true;
    },
  }) as Record<string, unknown>;
}

const messageName = (type: string) => type.replace(/^daybook\./, '').replace(/[^a-zA-Z0-9]+/g, '_');

/** AsyncAPI 3.0 document describing every topic and event, generated from the contracts. */
export function buildAsyncApi(): Record<string, unknown> {
  const envelope = z.toJSONSchema(cloudEventSchema.omit({ data: true }), { unrepresentable: 'any' });
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const topic of TOPICS) {
    const events = ALL_EVENTS.filter((e) => e.topic === topic);
    channels[topic] = {
      address: topic,
      description: `${TOPIC_PARTITIONS} partitions; poison messages go to ${deadLetterTopic(topic)}.`,
      messages: Object.fromEntries(
        events.map((e) => [messageName(e.type), { $ref: `#/components/messages/${messageName(e.type)}` }]),
      ),
    };
    const publishers = [...new Set(events.map((e) => e.source))];
    for (const source of publishers) {
      operations[`${source}_publishes_${topic.replace(/-/g, '_')}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${topic}` },
        summary: `${source} publishes through its transactional outbox and Dapr sidecar.`,
        messages: events
          .filter((e) => e.source === source)
          .map((e) => ({ $ref: `#/channels/${topic}/messages/${messageName(e.type)}` })),
      };
    }
  }
  for (const e of ALL_EVENTS) {
    messages[messageName(e.type)] = {
      name: e.type,
      title: e.type,
      summary: e.description,
      contentType: 'application/cloudevents+json',
      headers: envelope,
      payload: toJsonSchema(e),
      bindings: { kafka: { key: { type: 'string', description: `partition key: ${e.partitionKeyRule}` } } },
      examples: [{ name: 'example', payload: e.example }],
      ...(sensitivePaths(e).length > 0 ? { 'x-sensitive-paths': sensitivePaths(e) } : {}),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Daybook events',
      version: '1.0.0',
      description:
        'Every event Daybook services exchange over Kafka (Dapr pub/sub), as CloudEvents 1.0. Generated from packages/contracts: do not edit by hand (npm run docs:events).',
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      local: { host: 'localhost:9092', protocol: 'kafka', description: 'npm start' },
    },
    channels,
    operations,
    components: { messages },
  };
}
