import { TOPICS } from '@daybook/contracts';
import { ensureTopics } from '@daybook/substrate';
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
  created ??= ensureTopics(
    testEnvironment().kafkaBrokers,
    TOPICS.map((t) => `${prefix}${t}`),
  );
  return created;
}

/** The real name of a contract topic for the services of this test file. */
export const topicFor = (topic: string): string =>
  prefix && (TOPICS as readonly string[]).includes(topic) ? `${prefix}${topic}` : topic;
