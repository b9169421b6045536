import { randomUUID } from 'node:crypto';
import { ALL_EVENTS, taskCompleted, userDeleted, type EventContract } from '@daybook/contracts';
import { buildCloudEvent, createLogger, on } from '@daybook/service-kit';
import { openDatabase, type Tx } from '../infrastructure/database';
import { eventHandlers } from '.';

// The handlers only translate: which use case each event reaches, with what, in which
// transaction. A client that never connects stands in for the event's transaction.
const unconnected = openDatabase({ DATABASE_URL: 'postgresql://nobody@localhost:1/none' }, 'audit');
const tx: Tx = unconnected;
const log = createLogger('audit', 'silent');
afterAll(() => unconnected.$disconnect());

function handlers() {
  const recorded: { contract: Pick<EventContract, 'schema'>; eventId: string; tx: Tx }[] = [];
  const forgotten: { userId: string; tx: Tx }[] = [];
  const subscriptions = eventHandlers(
    { on },
    {
      recordEvent: async (contract, event, t) => {
        recorded.push({ contract, eventId: event.id, tx: t });
      },
      forgetUser: async (userId, t) => {
        forgotten.push({ userId, tx: t });
        return 0;
      },
    },
  );
  return { subscriptions, recorded, forgotten };
}

test('every event of every topic has a handler, deduplicated through the inbox', () => {
  const { subscriptions } = handlers();
  expect(subscriptions.map((s) => s.contract.type).sort()).toEqual(ALL_EVENTS.map((c) => c.type).sort());
  expect(subscriptions.every((s) => s.dedup)).toBe(true);
});

test('recording shares a delivery’s transaction; forgetting a user has one of its own', () => {
  const { subscriptions } = handlers();
  const batched = subscriptions.filter((s) => s.batch).map((s) => s.contract.type);
  expect(batched.sort()).toEqual(
    ALL_EVENTS.filter((c) => c !== userDeleted)
      .map((c) => c.type)
      .sort(),
  );
});

test('an event is recorded with its own contract, in the event’s transaction', async () => {
  const { subscriptions, recorded, forgotten } = handlers();
  const event = buildCloudEvent(taskCompleted, taskCompleted.example);
  await subscriptions.find((s) => s.contract === taskCompleted)!.handle(event, { tx, log });
  expect(recorded).toEqual([{ contract: taskCompleted, eventId: event.id, tx }]);
  expect(recorded[0]!.tx).toBe(tx);
  expect(forgotten).toEqual([]);
});

test('a deleted account is forgotten, not recorded', async () => {
  const { subscriptions, recorded, forgotten } = handlers();
  const userId = randomUUID();
  const event = buildCloudEvent(userDeleted, { userId, deletedAt: new Date().toISOString() });
  await subscriptions.find((s) => s.contract === userDeleted)!.handle(event, { tx, log });
  expect(forgotten).toEqual([{ userId, tx }]);
  expect(forgotten[0]!.tx).toBe(tx);
  expect(recorded).toEqual([]);
});
