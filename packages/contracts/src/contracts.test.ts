import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { renderEventDocs } from '../scripts/render-event-docs';
import { ALL_EVENTS, TOPICS, cloudEventSchema, contractForType, defineEvent, eventUserId, taskCreated } from '.';

describe('event catalogue', () => {
  test.each(ALL_EVENTS.map((e) => [e.type, e] as const))(
    '%s: example valid, key derived, topic known',
    (_type, contract) => {
      const data = contract.schema.parse(contract.example);
      expect(contract.partitionKey(data)).toEqual(expect.any(String));
      expect(contract.partitionKey(data).length).toBeGreaterThan(0);
      expect(TOPICS).toContain(contract.topic);
      expect(contract.type).toMatch(/\.v\d+$/);
    },
  );

  test('event types are unique', () => {
    const types = ALL_EVENTS.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
  });

  test("every event on task-events is keyed by its entity's id (task, list or tag), so one entity's events stay in order", () => {
    for (const contract of ALL_EVENTS.filter((e) => e.topic === 'task-events')) {
      const entity = contract.type.split('.')[1]!; // daybook.<entity>.<what>.v1: audit's entity too
      const data = contract.schema.parse(contract.example) as Record<string, { id: string }>;
      expect([entity, contract.partitionKey(data)]).toEqual([entity, data[entity]!.id]);
    }
  });

  test('schemas are strict: unknown fields are rejected', () => {
    const bad = { ...taskCreated.example, extra: true };
    expect(taskCreated.schema.safeParse(bad).success).toBe(false);
  });

  test('looking up a contract by CloudEvent type', () => {
    expect(contractForType('daybook.task.created.v1')).toBe(taskCreated);
    expect(contractForType('daybook.task.created.v9')).toBeUndefined();
  });

  test('defineEvent refuses an unversioned type or an example that breaks its schema', () => {
    const base = {
      topic: 'task-events',
      source: 'tasks',
      description: 'x',
      schema: z.object({ id: z.string() }),
      partitionKey: (d: { id: string }) => d.id,
      partitionKeyRule: 'id',
    };
    expect(() => defineEvent({ ...base, type: 'task.created', example: { id: 'a' } })).toThrow(/daybook\.<entity>/);
    expect(() => defineEvent({ ...base, type: 'daybook.task.x.v1', example: { id: 1 } as never })).toThrow(/example/);
  });

  test('the CloudEvent envelope requires our correlation and partition extensions', () => {
    const envelope = {
      specversion: '1.0',
      id: 'e1',
      source: 'tasks',
      type: 'daybook.task.created.v1',
      time: '2026-11-22T09:00:00.000Z',
      data: {},
    };
    expect(cloudEventSchema.safeParse(envelope).success).toBe(false);
    expect(cloudEventSchema.safeParse({ ...envelope, partitionkey: 'k', correlationid: 'c' }).success).toBe(true);
  });
});

test('docs/events (AsyncAPI and JSON Schemas) are up to date with the contracts', () => {
  const root = join(__dirname, '..', '..', '..');
  for (const [path, content] of Object.entries(renderEventDocs())) {
    expect({ path, content: readFileSync(join(root, path), 'utf8') }).toEqual({ path, content });
  }
});

test('every event names the user it concerns (its userId or its snapshot’s), as audit and realtime read it', () => {
  for (const contract of ALL_EVENTS) {
    expect({ type: contract.type, user: typeof eventUserId(contract.example) }).toEqual({
      type: contract.type,
      user: 'string',
    });
  }
});
