import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineEvent } from '@daybook/contracts';
import { InvalidEventError } from '../errors';
import { buildCloudEvent } from './outbox';

const noteWritten = defineEvent({
  type: 'daybook.test-note.written.v1',
  topic: 'test-notes',
  source: 'test',
  description: 'test event',
  schema: z.object({ noteId: z.uuid(), text: z.string().min(1) }).strict(),
  partitionKey: (d) => d.noteId,
  partitionKeyRule: 'noteId',
  example: { noteId: randomUUID(), text: 'x' },
});

const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
};

test('data that breaks its contract is an InvalidEventError naming the type and each field', () => {
  const thrown = caught(() => buildCloudEvent(noteWritten, { noteId: 'not-a-uuid', text: '' }));
  expect(thrown).toBeInstanceOf(InvalidEventError);
  expect(thrown).toMatchObject({
    eventType: 'daybook.test-note.written.v1',
    problems: [
      { field: 'data.noteId', message: expect.any(String) },
      { field: 'data.text', message: expect.any(String) },
    ],
  });
});

test('valid data becomes a CloudEvent keyed by its contract', () => {
  const noteId = randomUUID();
  expect(buildCloudEvent(noteWritten, { noteId, text: 'hi' })).toMatchObject({
    type: 'daybook.test-note.written.v1',
    partitionkey: noteId,
    data: { noteId, text: 'hi' },
  });
});
