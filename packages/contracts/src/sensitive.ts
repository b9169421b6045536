import { z } from 'zod';
import type { EventContract } from './define-event';

/**
 * Marks a field of an event's data as sensitive: a secret (or a sealed secret) that only
 * its intended consumer may see. Stores and logs that keep events (audit, log lines) strip
 * it, driven by this mark rather than by field names. The mark is zod metadata, so it
 * survives `.optional()`, `.describe()` and the like, and the generated JSON Schemas and
 * AsyncAPI document show it as `x-sensitive: true`.
 */
export function sensitive<T extends z.ZodType>(schema: T): T {
  return schema.meta({ sensitive: true });
}

/** What replaces a sensitive value wherever an event is kept for people to read. */
export const SENSITIVE_MARKER = '[sensitive]';

/** Any element of an array, or any value of a record, in a path. */
const ANY = '*';

export const isSensitive = (schema: z.core.$ZodType): boolean => z.globalRegistry.get(schema)?.sensitive === true;

const pathsBySchema = new WeakMap<z.core.$ZodType, string[][]>();

/** The paths of the sensitive fields in data of this shape, as segments (`*`: any element). */
function sensitiveSegments(schema: z.core.$ZodType): string[][] {
  let paths = pathsBySchema.get(schema);
  if (!paths) {
    paths = [];
    collect(schema, [], paths, new Set());
    pathsBySchema.set(schema, paths);
  }
  return paths;
}

function collect(schema: z.core.$ZodType, at: string[], into: string[][], visiting: Set<z.core.$ZodType>): void {
  if (isSensitive(schema)) {
    into.push(at);
    return;
  }
  // A recursive (lazy) schema is walked once per path, not forever.
  if (visiting.has(schema)) return;
  visiting.add(schema);
  const walk = (inner: z.core.$ZodType, path = at) => collect(inner, path, into, visiting);
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'object':
      for (const [key, field] of Object.entries(def.shape)) walk(field, [...at, key]);
      break;
    case 'array':
      walk(def.element, [...at, ANY]);
      break;
    case 'record':
      walk(def.valueType, [...at, ANY]);
      break;
    case 'tuple':
      def.items.forEach((item, i) => walk(item, [...at, String(i)]));
      if (def.rest) walk(def.rest, [...at, ANY]);
      break;
    case 'union':
      // Whichever option the data matches, its sensitive fields are covered.
      for (const option of def.options) walk(option);
      break;
    case 'intersection':
      walk(def.left);
      walk(def.right);
      break;
    case 'pipe':
      walk(def.in);
      walk(def.out);
      break;
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
      walk(def.innerType);
      break;
    case 'lazy':
      walk(def.getter());
      break;
    default:
      break;
  }
  visiting.delete(schema);
}

/** The sensitive fields of an event's data, as dotted paths (`*`: any array element). */
export function sensitivePaths(contract: Pick<EventContract, 'schema'>): string[] {
  return [...new Set(sensitiveSegments(contract.schema).map((segments) => segments.join('.')))];
}

/**
 * A copy of an event's data with every sensitive field replaced by `marker`; the data
 * itself is left alone. Absent and null fields stay as they are: they hold no secret.
 */
export function withoutSensitive<T>(contract: Pick<EventContract, 'schema'>, data: T, marker = SENSITIVE_MARKER): T {
  const paths = sensitiveSegments(contract.schema);
  if (paths.length === 0) return data;
  const copy = structuredClone(data);
  for (const path of paths) replaceAt(copy, path, marker);
  return copy;
}

function replaceAt(node: unknown, path: string[], marker: string): void {
  if (typeof node !== 'object' || node === null || path.length === 0) return;
  const [head, ...rest] = path as [string, ...string[]];
  const container = node as Record<string, unknown>;
  const keys = head === ANY ? Object.keys(container) : Object.hasOwn(container, head) ? [head] : [];
  for (const key of keys) {
    if (rest.length === 0) {
      if (container[key] != null) container[key] = marker;
    } else {
      replaceAt(container[key], rest, marker);
    }
  }
}
