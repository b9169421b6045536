import { parseClientFrame } from './protocol';

test('the three client frames parse', () => {
  expect(parseClientFrame('{"type":"auth","token":"t","cursor":null}')).toEqual({
    ok: true,
    frame: { type: 'auth', token: 't', cursor: null },
  });
  expect(parseClientFrame('{"type":"auth","token":"t","cursor":12}').ok).toBe(true);
  expect(parseClientFrame('{"type":"token","token":"t"}').ok).toBe(true);
  expect(parseClientFrame('{"type":"ping"}').ok).toBe(true);
});

test.each([
  ['not json', 'frame is not JSON'],
  ['[]', 'frame:'],
  ['{"type":"subscribe"}', 'type:'],
  ['{"type":"auth","token":"t"}', 'cursor:'],
  ['{"type":"auth","token":"t","cursor":-1}', 'cursor:'],
  ['{"type":"auth","token":"t","cursor":1.5}', 'cursor:'],
  ['{"type":"auth","token":"t","cursor":"3"}', 'cursor:'],
  ['{"type":"auth","token":"","cursor":0}', 'token:'],
  ['{"type":"ping","extra":1}', 'frame:'],
])('%s is refused, naming %s', (text, where) => {
  const parsed = parseClientFrame(text);
  expect(parsed.ok).toBe(false);
  expect(parsed.ok ? '' : parsed.message).toContain(where);
});
