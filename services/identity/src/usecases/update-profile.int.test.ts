import { randomUUID } from 'node:crypto';
import { userUpdated } from '@daybook/contracts';
import { Unauthenticated } from '../domain/errors';
import { createAccount, identityParts, openTestDatabase, outboxEvents, type IdentityParts } from '../testing';
import { updateProfile } from './update-profile';

let close: () => Promise<void>;
let parts: IdentityParts;
let update: ReturnType<typeof updateProfile>;

beforeAll(async () => {
  const test = await openTestDatabase();
  close = test.close;
  parts = identityParts(test.db);
  update = updateProfile(parts);
});

afterAll(() => close?.());

const eventsFor = async (userId: string) =>
  (await outboxEvents(parts.db, userUpdated)).filter((e) => e.data.userId === userId);

test('a change is stored and published with the account’s new profile', async () => {
  const user = await createAccount(parts, { createdAt: new Date(Date.now() - 60_000) });
  const updated = await update(user.id, { displayName: 'Ada L.', timeZone: 'America/New_York' });
  expect(updated).toMatchObject({ id: user.id, displayName: 'Ada L.', timeZone: 'America/New_York' });
  expect(await parts.users.findById(user.id)).toEqual(updated);
  expect(updated.updatedAt.getTime()).toBeGreaterThan(user.updatedAt.getTime());

  const [event] = await eventsFor(user.id);
  expect(event).toMatchObject({ subject: user.id, partitionkey: user.id });
  expect(event!.data).toEqual({
    userId: user.id,
    displayName: 'Ada L.',
    timeZone: 'America/New_York',
    updatedAt: updated.updatedAt.toISOString(),
  });

  // Clearing the name is a change too; the time zone is kept.
  expect(await update(user.id, { displayName: null })).toMatchObject({
    displayName: null,
    timeZone: 'America/New_York',
  });
  expect(await eventsFor(user.id)).toHaveLength(2);
});

test('a request that changes nothing writes and publishes nothing', async () => {
  const user = await createAccount(parts);
  await expect(update(user.id, {})).resolves.toEqual(user);
  await expect(update(user.id, { displayName: null, timeZone: user.timeZone })).resolves.toEqual(user);
  expect(await parts.users.findById(user.id)).toEqual(user);
  expect(await eventsFor(user.id)).toEqual([]);
});

test('an account that no longer exists is not signed in', async () => {
  const gone = update(randomUUID(), { displayName: 'Ghost' });
  await expect(gone).rejects.toThrow(Unauthenticated);
  await expect(gone).rejects.toThrow('account no longer exists');
});
