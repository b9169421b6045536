import { Router } from 'express';
import { z } from 'zod';
import { validate } from '@daybook/service-kit';
import type { UseCases } from '../app';
import { viewQuery } from '../domain/list-query';

const idParams = z.object({ id: z.uuid('must be an id (UUID)') }).strict();
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #3b82f6');
export const tagInput = z
  .object({ name: z.string().trim().min(1).max(50), color: color.nullable().optional() })
  .strict();
export const tagUpdate = tagInput.partial().refine((v) => Object.keys(v).length > 0, 'must change at least one field');
export const listInput = z
  .object({ name: z.string().trim().min(1).max(100), color: color.nullable().optional() })
  .strict();
export const listUpdate = listInput
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'must change at least one field');
/** The new order of the sidebar: ids first to last (those left out follow). */
export const orderInput = z
  .object({
    ids: z
      .array(z.uuid('must be an id (UUID)'))
      .min(1)
      .max(1000)
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id'),
  })
  .strict();
export const countsQuery = z
  .object({
    timeZone: viewQuery.shape.timeZone,
    days: viewQuery.shape.days,
  })
  .strict();

/** A tag or a list as the API returns it. */
const view = (t: { id: string; name: string; color: string | null; position: number; createdAt: Date }) => ({
  id: t.id,
  name: t.name,
  color: t.color ?? null,
  position: t.position,
  createdAt: t.createdAt.toISOString(),
});

/** The caller's tags and lists, under /api/tasks/tags and /api/tasks/lists. */
export function tagAndListRoutes(
  useCases: Pick<
    UseCases,
    | 'listTags'
    | 'createTag'
    | 'editTag'
    | 'deleteTag'
    | 'reorderTags'
    | 'listLists'
    | 'createList'
    | 'editList'
    | 'deleteList'
    | 'reorderLists'
    | 'countOpenTasks'
  >,
): Router {
  const uc = useCases;
  const router = Router();

  router.get('/api/tasks/counts', async (req, res) => {
    const { timeZone, days } = validate(countsQuery, req.query, 'query');
    res.json({ ...(await uc.countOpenTasks(req.user!.id, timeZone, days)), timeZone });
  });

  router.get('/api/tasks/tags', async (req, res) => {
    res.json({ items: (await uc.listTags(req.user!.id)).map(view) });
  });
  router.post('/api/tasks/tags', async (req, res) => {
    const input = validate(tagInput, req.body, 'body');
    const tag = await uc.createTag(req.user!.id, { name: input.name, color: input.color ?? null });
    res.status(201).json(view(tag));
  });
  router.put('/api/tasks/tags/order', async (req, res) => {
    const { ids } = validate(orderInput, req.body, 'body');
    res.json({ items: (await uc.reorderTags(req.user!.id, ids)).map(view) });
  });
  router.patch('/api/tasks/tags/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    const input = validate(tagUpdate, req.body, 'body');
    res.json(view(await uc.editTag(req.user!.id, id, input)));
  });
  router.delete('/api/tasks/tags/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    await uc.deleteTag(req.user!.id, id);
    res.status(204).end();
  });

  router.get('/api/tasks/lists', async (req, res) => {
    res.json({ items: (await uc.listLists(req.user!.id)).map(view) });
  });
  router.post('/api/tasks/lists', async (req, res) => {
    const input = validate(listInput, req.body, 'body');
    res.status(201).json(view(await uc.createList(req.user!.id, input.name, input.color ?? null)));
  });
  router.put('/api/tasks/lists/order', async (req, res) => {
    const { ids } = validate(orderInput, req.body, 'body');
    res.json({ items: (await uc.reorderLists(req.user!.id, ids)).map(view) });
  });
  router.patch('/api/tasks/lists/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    const input = validate(listUpdate, req.body, 'body');
    res.json(view(await uc.editList(req.user!.id, id, input)));
  });
  router.delete('/api/tasks/lists/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    await uc.deleteList(req.user!.id, id);
    res.status(204).end();
  });
  return router;
}
