import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { TOPICS, TOPIC_PARTITIONS, deadLetterTopic } from '@daybook/contracts';
import { step } from './log';
import { CACHE_DIR, DATA_DIR, KAFKA_VERSION, PORTS, REPO_ROOT } from './paths';
import { realClockEnv, startProcess, tail, type ManagedProcess } from './processes';
import { waitFor } from './wait';

export function kafkaClient(brokers: string[], clientId = 'daybook-substrate'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 3 } });
}

async function answers(brokers: string[]): Promise<boolean> {
  const admin = kafkaClient(brokers).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Kafka jars from Maven Central (no Kafka distribution is reachable here), cached by version. */
export function ensureKafkaJars(): string {
  const libs = join(CACHE_DIR, 'kafka', KAFKA_VERSION, 'libs');
  if (existsSync(libs) && readdirSync(libs).some((f) => f.startsWith('kafka_2.13-'))) return libs;
  step('kafka', `fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central (once)`);
  const tmp = `${libs}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      join(REPO_ROOT, 'scripts', 'provision', 'kafka', 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${tmp}`,
      '-DincludeScope=runtime',
      `-Dkafka.version=${KAFKA_VERSION}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], env: realClockEnv() },
  );
  rmSync(libs, { recursive: true, force: true });
  renameSync(tmp, libs);
  return libs;
}

export interface KafkaHandle {
  brokers: string[];
  process?: ManagedProcess;
}

/**
 * KAFKA_BROKERS when given (it must answer); otherwise a single-node KRaft broker this
 * clone owns, on localhost. Either way every topic exists afterwards.
 */
export async function ensureKafka(
  opts: {
    /** A broker of its own for this purpose (e.g. "test"): other ports, data and log. */
    instance?: { name: string; port: number; controllerPort: number };
  } = {},
): Promise<KafkaHandle> {
  const port = opts.instance?.port ?? PORTS.kafka;
  const controllerPort = opts.instance?.controllerPort ?? PORTS.kafkaController;
  const name = opts.instance ? `kafka-${opts.instance.name}` : 'kafka';
  const given = process.env.KAFKA_BROKERS;
  if (given) {
    const brokers = given
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
    if (!(await answers(brokers))) throw new Error(`KAFKA_BROKERS is set (${given}) but no broker answers there`);
    step('kafka', `using KAFKA_BROKERS=${given}`);
    await ensureTopics(brokers);
    return { brokers };
  }
  const brokers = [`localhost:${port}`];
  if (await answers(brokers)) {
    step('kafka', `already running on localhost:${port}`);
    await ensureTopics(brokers);
    return { brokers };
  }
  const libs = ensureKafkaJars();
  const dir = join(DATA_DIR, name);
  const logDirs = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'server.properties');
  writeFileSync(
    config,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.bootstrap.servers=localhost:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://localhost:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${logDirs}`,
      `num.partitions=${TOPIC_PARTITIONS}`,
      'auto.create.topics.enable=true',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=10',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'default.replication.factor=1',
      'min.insync.replicas=1',
      // A single local broker: let new consumer groups start at once.
      'group.initial.rebalance.delay.ms=0',
      'log.retention.hours=24',
      // Kafka 4 refuses records stamped more than an hour ahead of the broker's clock. The
      // moved-clock test run (scripts/test-clock.sh) produces from a clock a year ahead.
      ...(opts.instance ? ['log.message.timestamp.after.max.ms=9223372036854775807'] : []),
      'log.segment.bytes=67108864',
      '',
    ].join('\n'),
  );
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const classpath = `${libs}/*`;
  const jvm = [
    '-Xms256m',
    '-Xmx1g',
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(REPO_ROOT, 'scripts', 'provision', 'kafka', 'log4j2.properties')}`,
    '-cp',
    classpath,
  ];
  if (!existsSync(join(logDirs, 'meta.properties'))) {
    step('kafka', `formatting KRaft storage in ${logDirs}`);
    execFileSync(
      java,
      [
        ...jvm,
        'kafka.tools.StorageTool',
        'format',
        '--standalone',
        '-t',
        randomUUID().replace(/-/g, '').slice(0, 22),
        '-c',
        config,
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: realClockEnv(),
      },
    );
  }
  step('kafka', `starting broker ${KAFKA_VERSION} on localhost:${port}`);
  const proc = startProcess({ name, command: java, args: [...jvm, 'kafka.Kafka', config], clock: 'real' });
  let exited = false;
  void proc.exited.then(() => (exited = true));
  await waitFor(
    'the Kafka broker to answer',
    async () => {
      if (exited) throw new Error(`Kafka exited:\n${tail(proc.logFile)}`);
      return answers(brokers);
    },
    { timeoutMs: 120_000, intervalMs: 500, onTimeout: () => `\n${tail(proc.logFile)}` },
  );
  await ensureTopics(brokers);
  return { brokers, process: proc };
}

/** Every contract topic and its dead-letter twin, with TOPIC_PARTITIONS partitions. */
export async function ensureTopics(brokers: string[], topics: readonly string[] = TOPICS): Promise<void> {
  const admin = kafkaClient(brokers).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((t) => [t, deadLetterTopic(t)]).filter((t) => !existing.has(t));
    if (wanted.length > 0) {
      step('kafka', `creating topics: ${wanted.join(', ')}`);
      await admin.createTopics({
        waitForLeaders: false,
        topics: wanted.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS, replicationFactor: 1 })),
      });
      await waitForLeaders(admin, wanted);
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until every partition of the topics has a leader. kafkajs's own wait retries only
 * LEADER_NOT_AVAILABLE, but a KRaft broker can also answer UNKNOWN_TOPIC_OR_PARTITION for a
 * moment after creating a topic ("This server does not host this topic-partition"): any
 * metadata error here is retried until the deadline.
 */
export async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `leaders for ${topics.length} new topic(s)`,
    async () => {
      const { topics: described } = await admin.fetchTopicMetadata({ topics });
      return (
        described.length === topics.length &&
        described.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))
      );
    },
    { timeoutMs, intervalMs: 200 },
  );
}
