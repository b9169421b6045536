import { z } from 'zod';
import {
  ALL_EVENTS,
  SENSITIVE_MARKER,
  loginCodeRequested,
  sensitive,
  sensitivePaths,
  toJsonSchema,
  withoutSensitive,
} from '.';

const secret = sensitive(z.string());
const shape = {
  schema: z
    .object({
      id: z.string(),
      token: secret.optional().describe('kept sensitive through wrappers'),
      nested: z.object({ password: secret, note: z.string() }).nullable(),
      items: z.array(z.object({ key: secret, label: z.string() })),
      either: z.union([z.object({ pin: secret }), z.object({ name: z.string() })]),
    })
    .strict(),
};

test('sensitive fields are found through objects, wrappers, arrays and unions', () => {
  expect(sensitivePaths(shape).sort()).toEqual(['either.pin', 'items.*.key', 'nested.password', 'token']);
  expect(sensitivePaths(loginCodeRequested)).toEqual(['sealedCode']);
});

test('stripping replaces each sensitive value with the marker and leaves the original alone', () => {
  const data = {
    id: 'a',
    token: 't0ken',
    nested: { password: 'hunter22', note: 'kept' },
    items: [
      { key: 'k1', label: 'one' },
      { key: 'k2', label: 'two' },
    ],
    either: { pin: '1234' },
  };
  expect(withoutSensitive(shape, data)).toEqual({
    id: 'a',
    token: SENSITIVE_MARKER,
    nested: { password: SENSITIVE_MARKER, note: 'kept' },
    items: [
      { key: SENSITIVE_MARKER, label: 'one' },
      { key: SENSITIVE_MARKER, label: 'two' },
    ],
    either: { pin: SENSITIVE_MARKER },
  });
  expect(data.token).toBe('t0ken');
  // Absent or null: nothing to hide, nothing invented.
  expect(withoutSensitive(shape, { id: 'b', nested: null, items: [], either: { name: 'x' } })).toEqual({
    id: 'b',
    nested: null,
    items: [],
    either: { name: 'x' },
  });
});

test('the login code event carries no code in clear, and audit-style stripping removes the sealed one', () => {
  const stripped = withoutSensitive(loginCodeRequested, loginCodeRequested.example);
  expect(stripped).toEqual({ ...loginCodeRequested.example, sealedCode: SENSITIVE_MARKER });
  expect(toJsonSchema(loginCodeRequested)).toMatchObject({ properties: { sealedCode: { 'x-sensitive': true } } });
});

test('a field named like a secret in any event is marked sensitive', () => {
  // A guard for new contracts: a password, token, secret or code must be marked (or renamed).
  const secretLike = /(password|token|secret|^code$)/i;
  const unmarked = ALL_EVENTS.flatMap((contract) => {
    const found: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      if (schema['x-sensitive'] === true) return;
      for (const [name, child] of Object.entries((schema.properties as Record<string, unknown>) ?? {})) {
        const at = path ? `${path}.${name}` : name;
        if (secretLike.test(name) && (child as Record<string, unknown>)['x-sensitive'] !== true) found.push(at);
        visit(child, at);
      }
      for (const key of ['items', 'additionalProperties']) visit(schema[key], `${path}.*`);
      for (const key of ['anyOf', 'oneOf', 'allOf'])
        for (const option of (schema[key] as unknown[]) ?? []) visit(option, path);
    };
    visit(toJsonSchema(contract), '');
    return found.map((p) => `${contract.type}: ${p}`);
  });
  expect(unmarked).toEqual([]);
});
