import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (this file is packages/substrate/src/paths.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Heavy, rebuildable downloads and builds (Dapr binaries, Kafka jars), shared by every clone. */
export const CACHE_DIR = process.env.DAYBOOK_CACHE ?? join(homedir(), '.cache', 'daybook');

/** Logs and pid files of this clone's processes: the "known place" to look. */
export const RUN_DIR = process.env.DAYBOOK_RUN_DIR ?? join(REPO_ROOT, '.daybook');
export const LOG_DIR = join(RUN_DIR, 'logs');
export const PID_DIR = join(RUN_DIR, 'pids');

/**
 * Data of the substrate this clone owns (PostgreSQL cluster, Kafka log, Scheduler's etcd).
 * Under /var/tmp rather than the clone so the `postgres` user can reach it when we run as
 * root (a home directory is usually closed to other users); one folder per clone path.
 */
export const DATA_DIR =
  process.env.DAYBOOK_DATA_DIR ??
  join('/var/tmp', 'daybook', createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 10));

/**
 * Fixed local ports of the substrate (services' ports are in dapr.yaml). All below Linux's
 * ephemeral range (32768–60999 by default), where any outgoing connection may hold one as
 * its local port when a server starts and tries to listen on it.
 */
export const PORTS = {
  postgres: Number(process.env.DAYBOOK_PG_PORT ?? 25432),
  kafka: Number(process.env.DAYBOOK_KAFKA_PORT ?? 9092),
  kafkaController: Number(process.env.DAYBOOK_KAFKA_CONTROLLER_PORT ?? 9093),
  /** The tests' own broker: a running `npm start` never consumes what tests publish. */
  testKafka: Number(process.env.DAYBOOK_TEST_KAFKA_PORT ?? 19092),
  testKafkaController: Number(process.env.DAYBOOK_TEST_KAFKA_CONTROLLER_PORT ?? 19093),
  scheduler: 25006,
  schedulerHealth: 28081,
  schedulerMetrics: 29091,
  schedulerEtcdClient: 22379,
  schedulerEtcdPeer: 22380,
  /** Mailpit, the local SMTP sink: SMTP and its web UI / JSON API. */
  mailpitSmtp: Number(process.env.DAYBOOK_MAILPIT_SMTP_PORT ?? 1025),
  mailpitHttp: Number(process.env.DAYBOOK_MAILPIT_HTTP_PORT ?? 8025),
  /** The tests' own Mailpit: mail tests send never lands in a developer's inbox view. */
  testMailpitSmtp: Number(process.env.DAYBOOK_TEST_MAILPIT_SMTP_PORT ?? 11025),
  testMailpitHttp: Number(process.env.DAYBOOK_TEST_MAILPIT_HTTP_PORT ?? 18025),
} as const;

export const DAPR_VERSION = process.env.DAPR_VERSION ?? '1.18.2';
export const KAFKA_VERSION = '4.1.2';
export const MAILPIT_VERSION = process.env.MAILPIT_VERSION ?? '1.33.1';
