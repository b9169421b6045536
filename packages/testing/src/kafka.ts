import { randomBytes } from 'node:crypto';
import { AssignerProtocol, type Consumer } from 'kafkajs';
import { TOPIC_PARTITIONS, deadLetterTopic } from '@daybook/contracts';
import { ensureTopics, kafkaClient, waitFor } from '@daybook/substrate';
import { testEnvironment } from './environment';
import { ensurePrefixedTopics, topicFor } from './topics';

export interface TappedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  /** The value parsed as JSON (a CloudEvent on Daybook topics), or undefined. */
  json: Record<string, unknown> | undefined;
}

export interface KafkaTap {
  messages: TappedMessage[];
  /** Resolves with the first message (seen so far or later) that matches. */
  waitFor(what: string, match: (m: TappedMessage) => boolean, timeoutMs?: number): Promise<TappedMessage>;
  stop(): Promise<void>;
}

/**
 * Reads topics from outside the platform with a plain kafkajs consumer, from the current
 * end of each partition, so a test can assert exactly what went over the wire.
 */
export async function kafkaTap(logicalTopics: string[]): Promise<KafkaTap> {
  await ensurePrefixedTopics();
  const topics = logicalTopics.map(topicFor);
  const { kafkaBrokers } = testEnvironment();
  const kafka = kafkaClient(kafkaBrokers, 'daybook-test-tap');
  const groupId = `daybook-tap-${randomBytes(4).toString('hex')}`;
  const consumer: Consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
  const messages: TappedMessage[] = [];
  await consumer.connect();
  // Start at the end as it is *now*: record offsets before subscribing.
  const admin = kafka.admin();
  await admin.connect();
  const ends = await Promise.all(
    topics.map(async (topic) => ({
      topic,
      // A topic created a moment ago may not have its leader everywhere yet: retry until it does.
      offsets: await waitFor(`offsets of ${topic}`, () => admin.fetchTopicOffsets(topic), {
        timeoutMs: 30_000,
        intervalMs: 200,
      }),
    })),
  );
  await admin.disconnect();
  const startAt = new Map(
    ends.flatMap(({ topic, offsets }) => offsets.map((o) => [`${topic}/${o.partition}`, BigInt(o.offset)] as const)),
  );
  for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
  let assigned = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (assigned = true));
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      // Anything before the end recorded at start is history, not this test's traffic.
      if (BigInt(message.offset) < (startAt.get(`${topic}/${partition}`) ?? 0n)) return;
      const value = message.value?.toString('utf8') ?? '';
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(value) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      messages.push({
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? null,
        value,
        json,
      });
    },
  });
  await waitFor('the Kafka tap to join its group', () => assigned, { timeoutMs: 60_000 });
  for (const { topic, offsets } of ends) {
    for (const { partition, offset } of offsets) consumer.seek({ topic, partition, offset });
  }
  return {
    messages,
    waitFor: (what, match, timeoutMs = 30_000) =>
      waitFor(`a message on ${topics.join(', ')}: ${what}`, () => messages.find(match), { timeoutMs }),
    stop: async () => {
      await consumer.disconnect();
    },
  };
}

/** A topic (and its dead-letter twin) private to one test. */
export async function createTestTopic(prefix = 'test'): Promise<string> {
  const topic = `${prefix}-${randomBytes(4).toString('hex')}`;
  await ensureTopics(testEnvironment().kafkaBrokers, [topic]);
  return topic;
}

/**
 * Waits until a consumer group (a Dapr sidecar's) is stable with every partition of the
 * given topics assigned: from then on it sees every message published. A new group starts
 * at the newest offset, so publishing earlier would be missed by design, not by luck.
 */
export async function waitForConsumerGroup(
  groupId: string,
  logicalTopics: string[],
  timeoutMs = 60_000,
): Promise<void> {
  const topics = logicalTopics.map(topicFor);
  const admin = kafkaClient(testEnvironment().kafkaBrokers).admin();
  await admin.connect();
  try {
    await waitFor(
      `consumer group ${groupId} to be assigned ${topics.join(', ')}`,
      async () => {
        const { groups } = await admin.describeGroups([groupId]);
        const group = groups[0];
        if (!group || group.state !== 'Stable') return false;
        const assigned = new Map<string, number>();
        for (const member of group.members) {
          const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
          for (const [topic, partitions] of Object.entries(decoded?.assignment ?? {})) {
            assigned.set(topic, (assigned.get(topic) ?? 0) + partitions.length);
          }
        }
        return topics.every((t) => (assigned.get(t) ?? 0) >= TOPIC_PARTITIONS);
      },
      { timeoutMs, intervalMs: 200 },
    );
  } finally {
    await admin.disconnect();
  }
}

export { deadLetterTopic };
