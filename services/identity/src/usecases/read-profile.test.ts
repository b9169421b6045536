import { randomUUID } from 'node:crypto';
import { Unauthenticated } from '../domain/errors';
import type { User } from '../generated/prisma/client';
import { readProfile } from './read-profile';

const ada: User = {
  id: randomUUID(),
  email: 'ada@example.com',
  passwordHash: 'scrypt$15$8$1$c2FsdA$a2V5',
  displayName: 'Ada',
  timeZone: 'Europe/London',
  createdAt: new Date(),
  updatedAt: new Date(),
};
const users = { findById: async (id: string) => (id === ada.id ? ada : undefined) };

test('the signed-in person’s own account', async () => {
  await expect(readProfile({ users })(ada.id)).resolves.toBe(ada);
});

test('an account deleted since the token was issued is no longer signed in', async () => {
  const gone = readProfile({ users })(randomUUID());
  await expect(gone).rejects.toThrow(Unauthenticated);
  await expect(gone).rejects.toThrow('account no longer exists');
});
