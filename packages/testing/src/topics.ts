import { TOPICS } from '@daybook/contracts';
import { ensureTopics, waitFor } from '@daybook/substrate';
import { testEnvironment } from './environment';

/**
 * The services a test file boots get topics of their own (TOPIC_PREFIX), so test files
 * running side by side never consume each other's events. Each Jest test file has its own
 * module registry, so this state is per file. Only contract topics are prefixed: kit-app
 * tests publish to unique topics of their own.
 */
let prefix = '';
let created: Promise<void> | undefined;

/** Called by testContext: from now on this file's contract topics carry the prefix. */
export function setTopicPrefix(value: string): void {
  if (prefix === value) return;
  prefix = value;
  created = undefined;
}

/** Creates this file's prefixed topics (and their dead-letter twins) once. */
export function ensurePrefixedTopics(): Promise<void> {
  if (!prefix) return Promise.resolve();
  const topics = TOPICS.map((t) => `${prefix}${t}`);
  // Idempotent, so retried: right after creation a broker may briefly disown a partition.
  created ??= waitFor(
    `topics ${prefix}*`,
    () => ensureTopics(testEnvironment().kafkaBrokers, topics).then(() => true),
    { timeoutMs: 60_000, intervalMs: 500 },
  ).then(() => undefined);
  return created;
}

/** The real name of a contract topic for the services of this test file. */
export const topicFor = (topic: string): string =>
  prefix && (TOPICS as readonly string[]).includes(topic) ? `${prefix}${topic}` : topic;
