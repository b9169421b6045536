import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { conflict, notFound, validate, type ServiceKit } from '@daybook/service-kit';
import { Prisma } from '../generated/prisma/client';
import type { Database } from '../infrastructure/database';
import { MANY_TASKS_TIMEOUT_MS, TaskStore } from '../infrastructure/task-store';

const idParams = z.object({ id: z.uuid('must be an id (UUID)') }).strict();
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #3b82f6');
export const tagInput = z
  .object({ name: z.string().trim().min(1).max(50), color: color.nullable().optional() })
  .strict();
export const tagUpdate = tagInput.partial().refine((v) => Object.keys(v).length > 0, 'must change at least one field');
export const listInput = z.object({ name: z.string().trim().min(1).max(100) }).strict();

const isUniqueViolation = (err: unknown) =>
  (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') ||
  /unique|duplicate key/i.test(String((err as Error)?.message));

/** The caller's tags and lists, under /api/tasks/tags and /api/tasks/lists. */
export function tagAndListRoutes(kit: ServiceKit, db: Database): Router {
  const store = new TaskStore(db, kit);
  const router = Router();
  const view = (t: { id: string; name: string; color?: string | null; createdAt: Date }) => ({
    id: t.id,
    name: t.name,
    ...('color' in t ? { color: t.color ?? null } : {}),
    createdAt: t.createdAt.toISOString(),
  });

  router.get('/api/tasks/tags', async (req, res) => {
    const tags = await db.tag.findMany({ where: { userId: req.user!.id }, orderBy: { name: 'asc' } });
    res.json({ items: tags.map(view) });
  });
  router.post('/api/tasks/tags', async (req, res) => {
    const input = validate(tagInput, req.body, 'body');
    try {
      const tag = await db.tag.create({
        data: { id: randomUUID(), userId: req.user!.id, name: input.name, color: input.color ?? null },
      });
      res.status(201).json(view(tag));
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`a tag named "${input.name}" already exists`);
      throw err;
    }
  });
  router.patch('/api/tasks/tags/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    const input = validate(tagUpdate, req.body, 'body');
    const userId = req.user!.id;
    try {
      await db.$transaction(
        async (tx) => {
          const previous = await tx.tag.findFirst({ where: { id, userId } });
          if (!previous) throw notFound('tag');
          await tx.tag.update({ where: { id }, data: input });
          await store.tagChanged(tx, userId, previous);
        },
        { timeout: MANY_TASKS_TIMEOUT_MS },
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`a tag named "${input.name}" already exists`);
      throw err;
    }
    res.json(view(await db.tag.findUniqueOrThrow({ where: { id } })));
  });
  router.delete('/api/tasks/tags/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    const userId = req.user!.id;
    await db.$transaction(
      async (tx) => {
        if (!(await tx.tag.findFirst({ where: { id, userId } }))) throw notFound('tag');
        await store.detach(tx, userId, { tagId: id });
        await tx.tag.delete({ where: { id } });
      },
      { timeout: MANY_TASKS_TIMEOUT_MS },
    );
    res.status(204).end();
  });

  router.get('/api/tasks/lists', async (req, res) => {
    const lists = await db.list.findMany({ where: { userId: req.user!.id }, orderBy: { name: 'asc' } });
    res.json({ items: lists.map(view) });
  });
  router.post('/api/tasks/lists', async (req, res) => {
    const input = validate(listInput, req.body, 'body');
    const list = await db.list.create({ data: { id: randomUUID(), userId: req.user!.id, name: input.name } });
    res.status(201).json(view(list));
  });
  router.patch('/api/tasks/lists/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    const input = validate(listInput, req.body, 'body');
    const { count } = await db.list.updateMany({ where: { id, userId: req.user!.id }, data: input });
    if (count === 0) throw notFound('list');
    res.json(view(await db.list.findUniqueOrThrow({ where: { id } })));
  });
  router.delete('/api/tasks/lists/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    const userId = req.user!.id;
    // Its tasks stay, with no list.
    await db.$transaction(
      async (tx) => {
        if (!(await tx.list.findFirst({ where: { id, userId } }))) throw notFound('list');
        await store.detach(tx, userId, { listId: id });
        await tx.list.delete({ where: { id } });
      },
      { timeout: MANY_TASKS_TIMEOUT_MS },
    );
    res.status(204).end();
  });
  return router;
}
