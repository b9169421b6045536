import { randomUUID } from 'node:crypto';
import { Conflict } from '@daybook/service-kit';
import type { User } from '../generated/prisma/client';
import type { Database, Tx } from './database';

/** A unique constraint refused the write (Prisma's P2002). */
const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && err.code === 'P2002';

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string | null;
  timeZone: string;
  createdAt: Date;
}

/** Accounts (table users). Emails arrive normalised (domain/account.ts). */
export function userStore(db: Database) {
  return {
    async findById(id: string): Promise<User | undefined> {
      return (await db.user.findUnique({ where: { id } })) ?? undefined;
    },

    async findByEmail(email: string): Promise<User | undefined> {
      return (await db.user.findUnique({ where: { email } })) ?? undefined;
    },

    /** Creates an account in `tx`; an email already taken is a Conflict. */
    async create(tx: Tx, user: NewUser): Promise<User> {
      try {
        return await tx.user.create({ data: { id: randomUUID(), ...user, updatedAt: user.createdAt } });
      } catch (err) {
        if (isUniqueViolation(err)) throw new Conflict('an account with this email already exists');
        throw err;
      }
    },

    /** Changes profile fields in `tx`. */
    update(
      tx: Tx,
      id: string,
      changes: { displayName?: string | null; timeZone?: string },
      updatedAt: Date,
    ): Promise<User> {
      return tx.user.update({ where: { id }, data: { ...changes, updatedAt } });
    },

    /** Sets a new password in `tx` (the account changes: `updatedAt` too). */
    async setPassword(tx: Tx, id: string, passwordHash: string, updatedAt: Date): Promise<void> {
      await tx.user.update({ where: { id }, data: { passwordHash, updatedAt } });
    },

    /** Stores the same password hashed with today's parameters (not a change of the account). */
    async upgradePasswordHash(id: string, passwordHash: string): Promise<void> {
      await db.user.update({ where: { id }, data: { passwordHash } });
    },

    /** Deletes an account in `tx`: its sessions, refresh tokens and login codes go with it (ON DELETE CASCADE). */
    async delete(tx: Tx, id: string): Promise<void> {
      await tx.user.delete({ where: { id } });
    },
  };
}
export type UserStore = ReturnType<typeof userStore>;
