// Kafka consumer-group lag for Prometheus, with the metric names of the Kafka exporter
// (kafka_consumergroup_lag{consumergroup,topic,partition}, ...) so the dashboards and the
// DaybookKafkaConsumerLag alert read the same series wherever Daybook runs. The chart runs it
// from the service image (kafkaLagExporter.*); no Kafka exporter builds from the registries
// this project can use, and the broker's own JMX does not know consumer lag.
//
//   KAFKA_BROKERS=host:9092 PORT=9308 node --import tsx scripts/kafka-lag-exporter.ts
//
// Offsets are read on each scrape (GET /metrics) through the Kafka admin API: every
// consumer group's committed offsets and every one of their topics' end offsets.
import { createServer } from 'node:http';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Gauge, Registry } from 'prom-client';

export interface PartitionLag {
  consumergroup: string;
  topic: string;
  partition: number;
  committed: number;
  end: number;
  lag: number;
}

/**
 * Lag per group/topic/partition: end offset minus committed offset. A partition the group
 * has never committed on (offset -1) has no lag yet, as in the Kafka exporter.
 */
export function computeLag(
  committed: { group: string; topic: string; partitions: { partition: number; offset: string }[] }[],
  ends: Map<string, { partition: number; offset: string }[]>,
): PartitionLag[] {
  const out: PartitionLag[] = [];
  for (const { group, topic, partitions } of committed) {
    const endOf = new Map((ends.get(topic) ?? []).map((p) => [p.partition, Number(p.offset)]));
    for (const { partition, offset } of partitions) {
      const c = Number(offset);
      const end = endOf.get(partition);
      if (c < 0 || end === undefined) continue;
      out.push({ consumergroup: group, topic, partition, committed: c, end, lag: Math.max(0, end - c) });
    }
  }
  return out;
}

async function readLag(
  admin: Admin,
): Promise<{ lag: PartitionLag[]; ends: Map<string, { partition: number; offset: string }[]> }> {
  const { groups } = await admin.listGroups();
  const committed: Parameters<typeof computeLag>[0] = [];
  for (const { groupId, protocolType } of groups) {
    if (protocolType !== 'consumer') continue;
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
      committed.push({ group: groupId, topic, partitions });
    }
  }
  const ends = new Map<string, { partition: number; offset: string }[]>();
  for (const topic of new Set(committed.map((c) => c.topic))) ends.set(topic, await admin.fetchTopicOffsets(topic));
  return { lag: computeLag(committed, ends), ends };
}

export function createExporter(brokers: string[]) {
  const kafka = new Kafka({ clientId: 'daybook-kafka-lag-exporter', brokers, logLevel: logLevel.WARN });
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  const registry = new Registry();
  const labels = ['consumergroup', 'topic', 'partition'] as const;
  const lag = new Gauge({
    name: 'kafka_consumergroup_lag',
    help: 'Current approximate lag of a consumer group at topic/partition',
    labelNames: labels,
    registers: [registry],
  });
  const current = new Gauge({
    name: 'kafka_consumergroup_current_offset',
    help: 'Current committed offset of a consumer group at topic/partition',
    labelNames: labels,
    registers: [registry],
  });
  const end = new Gauge({
    name: 'kafka_topic_partition_current_offset',
    help: 'Current end offset of a topic/partition',
    labelNames: ['topic', 'partition'] as const,
    registers: [registry],
  });
  const up = new Gauge({
    name: 'kafka_lag_exporter_up',
    help: '1 if the last read of offsets from Kafka succeeded',
    registers: [registry],
  });

  async function collect(): Promise<string> {
    try {
      connected ??= admin.connect();
      await connected;
      const read = await readLag(admin);
      for (const g of [lag, current, end]) g.reset();
      for (const r of read.lag) {
        const l = { consumergroup: r.consumergroup, topic: r.topic, partition: String(r.partition) };
        lag.set(l, r.lag);
        current.set(l, r.committed);
      }
      for (const [topic, partitions] of read.ends) {
        for (const p of partitions) end.set({ topic, partition: String(p.partition) }, Number(p.offset));
      }
      up.set(1);
    } catch (err) {
      connected = undefined;
      up.set(0);
      console.error(JSON.stringify({ level: 'error', service: 'kafka-lag-exporter', msg: (err as Error).message }));
    }
    return registry.metrics();
  }
  return { collect, contentType: registry.contentType, close: () => admin.disconnect() };
}

function main() {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (!brokers.length) throw new Error('KAFKA_BROKERS is required (host:port[,host:port...])');
  const port = Number(process.env.PORT ?? 9308);
  const exporter = createExporter(brokers);
  const server = createServer((req, res) => {
    if (req.url === '/healthz') return void res.end('ok');
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    exporter.collect().then(
      (body) => res.writeHead(200, { 'content-type': exporter.contentType }).end(body),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  server.listen(port, () =>
    console.log(JSON.stringify({ level: 'info', service: 'kafka-lag-exporter', msg: `on :${port}`, brokers })),
  );
  for (const s of ['SIGINT', 'SIGTERM'] as const) {
    process.on(s, () => {
      server.close();
      void exporter.close().finally(() => process.exit(0));
    });
  }
}

if (require.main === module) main();
