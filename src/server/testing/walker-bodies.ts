import crypto from 'node:crypto';
import type { App } from '../platform/http/types.ts';
import type { RouteRecord } from '../platform/http/auth.hook.ts';

/** The parts of a JSON schema (as @fastify/swagger writes the OpenAPI document) the walker and the fuzzer read. */
export type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  pattern?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  nullable?: boolean;
};

/** A value that satisfies the common shapes of a JSON schema: required fields only, smallest values. */
function sample(s: JsonSchema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return sample(alt.find((a) => a.type !== 'null') ?? alt[0], depth + 1);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((a) => sample(a, depth + 1) as object));
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sample(s.properties?.[k], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items, depth + 1));
    case 'integer':
    case 'number':
      return s.minimum ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'uuid') return crypto.randomUUID();
      if (s.format === 'date') return '2026-01-01';
      if (s.format === 'date-time') return '2026-01-01T00:00:00.000Z';
      if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-01-01';
      if (s.pattern?.includes('\\d{4}-\\d{2}')) return '2026-01';
      return 'w'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return null;
  }
}

/** A body shaped like the route's declared JSON body (from the OpenAPI document), or undefined. */
export function sampleBody(app: App, r: RouteRecord): unknown {
  const doc = app.swagger() as {
    paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  };
  const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const op = doc.paths?.[path]?.[r.method.toLowerCase()];
  const schema = op?.requestBody?.content?.['application/json']?.schema;
  return schema ? sample(schema) : undefined;
}
