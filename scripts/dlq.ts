// Dead letters, for an operator: what is in a topic's dead-letter topic, and putting it
// back on the topic once the cause is fixed. Every consumer is idempotent (its inbox), so a
// replayed event that some consumer already applied changes nothing there.
//
//   npm run dlq -- list <topic>                  id, type, reason, time, key of each message
//   npm run dlq -- replay <topic> [--id <id>]…   republish (all, or the given event ids)
//
// Brokers: KAFKA_BROKERS (default localhost:9092, the broker `npm start` runs). Topic names
// get TOPIC_PREFIX in front, as the services' do.
import { TOPICS, deadLetterTopic } from '@daybook/contracts';
import { readDeadLetters, replayDeadLetters } from '@daybook/substrate';

async function main(argv: string[]): Promise<number> {
  const [command, topicName, ...rest] = argv;
  const usage = 'usage: npm run dlq -- list <topic> | replay <topic> [--id <event id>]…';
  if (!command || !topicName || !['list', 'replay'].includes(command)) {
    console.error(usage);
    return 2;
  }
  if (!(TOPICS as readonly string[]).includes(topicName)) {
    console.error(`unknown topic "${topicName}": one of ${TOPICS.join(', ')}`);
    return 2;
  }
  const ids = rest.flatMap((arg, i) => (rest[i - 1] === '--id' ? [arg] : []));
  const brokers = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
  const topic = `${process.env.TOPIC_PREFIX ?? ''}${topicName}`;
  if (command === 'list') {
    const letters = await readDeadLetters(brokers, topic);
    if (letters.length === 0) console.log(`${deadLetterTopic(topic)} is empty`);
    for (const l of letters) console.log(`${l.time}  ${l.id}  ${l.type}  ${l.reason}  key=${l.key ?? '-'}`);
    return 0;
  }
  const replayed = await replayDeadLetters(brokers, topic, ids);
  console.log(`replayed ${replayed.length} event(s) to ${topic}`);
  for (const l of replayed) console.log(`  ${l.id}  ${l.type}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
