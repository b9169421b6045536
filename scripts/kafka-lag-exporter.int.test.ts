// The lag exporter against the real test broker: a topic of its own, a consumer group that
// committed part of it, and the /metrics text the exporter serves for them.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { createExporter } from './kafka-lag-exporter';

const brokers = (process.env.DAYBOOK_TEST_KAFKA_BROKERS ?? '').split(',').filter(Boolean);

describe('kafka-lag-exporter', () => {
  const topic = `lag-exporter-${randomUUID()}`;
  const group = `lag-exporter-group-${randomUUID()}`;
  const kafka = new Kafka({ clientId: 'lag-exporter-test', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const exporter = createExporter(brokers);

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    // 7 messages on partition 0, 3 on partition 1.
    await producer.send({
      topic,
      messages: [
        ...Array.from({ length: 7 }, (_, i) => ({ partition: 0, value: `p0-${i}` })),
        ...Array.from({ length: 3 }, (_, i) => ({ partition: 1, value: `p1-${i}` })),
      ],
    });
    await producer.disconnect();
    // The group has processed 5 of partition 0 and all of partition 1.
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '5' },
        { partition: 1, offset: '3' },
      ],
    });
  });

  afterAll(async () => {
    await exporter.close();
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('serves kafka_consumergroup_lag per partition, with the Kafka exporter names', async () => {
    const text = await exporter.collect();
    const line = (metric: string, partition: number) =>
      text
        .split('\n')
        .find(
          (l) =>
            l.startsWith(`${metric}{`) &&
            l.includes(`consumergroup="${group}"`) &&
            l.includes(`partition="${partition}"`),
        );
    expect(line('kafka_consumergroup_lag', 0)).toMatch(/ 2$/);
    expect(line('kafka_consumergroup_lag', 1)).toMatch(/ 0$/);
    expect(line('kafka_consumergroup_current_offset', 0)).toMatch(/ 5$/);
    expect(text).toContain(`kafka_topic_partition_current_offset{topic="${topic}",partition="0"} 7`);
    expect(text).toContain('kafka_lag_exporter_up 1');
  });
});
