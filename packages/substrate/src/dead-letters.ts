// Dead letters, read and replayed straight on Kafka (the `npm run dlq` tool, and tests).
// Every consumer is idempotent (its inbox), so a replayed event that some consumer already
// applied changes nothing there.
import { randomUUID } from 'node:crypto';
import { deadLetterTopic } from '@daybook/contracts';
import { kafkaClient } from './kafka';

export interface DeadLetter {
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  id: string;
  type: string;
  time: string;
  reason: string;
}

/** Reads every message now in `<topic>.dlq`, from the start to the current end. */
export async function readDeadLetters(brokers: string[], topic: string): Promise<DeadLetter[]> {
  const dlq = deadLetterTopic(topic);
  const kafka = kafkaClient(brokers, 'daybook-dlq');
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(dlq).finally(() => admin.disconnect());
  const remaining = new Map(ends.filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high)]));
  const letters: DeadLetter[] = [];
  if (remaining.size === 0) return letters;
  // A throwaway group that commits nothing: reading never moves anyone's position.
  const consumer = kafka.consumer({ groupId: `daybook-dlq-reader-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            letters.push(describe(partition, message));
            const end = remaining.get(partition);
            if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return letters.sort((a, b) => a.time.localeCompare(b.time));
}

function describe(
  partition: number,
  message: { offset: string; key: Buffer | null; value: Buffer | null; timestamp: string; headers?: object },
): DeadLetter {
  const value = message.value?.toString('utf8') ?? '';
  const headers = Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('utf8') : String(v)]),
  );
  let event: { id?: string; type?: string; time?: string } = {};
  try {
    event = JSON.parse(value) as typeof event;
  } catch {
    /* not JSON: shown as it is */
  }
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value,
    headers,
    id: event.id ?? '(no id)',
    type: event.type ?? '(not a CloudEvent)',
    time: new Date(Number(message.timestamp)).toISOString(),
    // The kit names the reason when it dead-letters an event itself; daprd (retries spent)
    // does not, so its consumer's log says why.
    reason: headers['daybook-reason'] ?? 'delivery retries exhausted (see the consumer’s log)',
  };
}

/** Republishes dead letters (all, or those with the given event ids) to `topic`, key kept. */
export async function replayDeadLetters(brokers: string[], topic: string, ids?: string[]): Promise<DeadLetter[]> {
  const letters = (await readDeadLetters(brokers, topic)).filter((l) => !ids?.length || ids.includes(l.id));
  if (letters.length === 0) return letters;
  const producer = kafkaClient(brokers, 'daybook-dlq').producer();
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: letters.map((l) => ({
        key: l.key,
        value: l.value,
        headers: { 'daybook-replayed-from': deadLetterTopic(topic) },
      })),
    });
  } finally {
    await producer.disconnect();
  }
  return letters;
}
