import fc from 'fast-check';

/** The part of JSON Schema (2020-12) that the OpenAPI document's zod-generated schemas use. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

const formats: Record<string, fc.Arbitrary<string>> = {
  email: fc.emailAddress(),
  'date-time': fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  uri: fc.webUrl(),
};

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const { minLength = 0, maxLength } = schema;
  const fits = (s: string) =>
    s.length >= minLength && (maxLength === undefined || s.length <= maxLength);
  if (schema.pattern)
    return fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' }).filter(fits);
  const format = schema.format ? formats[schema.format] : undefined;
  if (format) return format.filter(fits);
  return fc.string({ minLength, maxLength: Math.min(maxLength ?? 40, minLength + 40) });
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1e6) + (integer ? 1 : 0);
  const max = schema.maximum ?? (schema.exclusiveMaximum ?? 1e6) - (integer ? 1 : 0);
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectOf(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const record = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, arbitraryOf(property)]),
  );
  return fc.record(record, {
    requiredKeys: required.filter((name) => name in properties),
  }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Values valid against `schema` (patterns, formats, bounds, required and closed objects). */
export function arbitraryOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map(arbitraryOf));
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type) => arbitraryOf({ ...schema, type })));
  switch (schema.type) {
    case 'object':
      return objectOf(schema);
    case 'array':
      return fc.array(arbitraryOf(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'string':
      return stringOf(schema);
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue();
  }
}

/**
 * Values near `schema` and mostly invalid: a valid value with one member replaced by junk,
 * removed, or joined by an unknown one; or any JSON at all.
 */
export function variationOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const mutated = fc
    .tuple(arbitraryOf(schema), fc.jsonValue({ maxDepth: 2 }), fc.nat(), fc.nat(2))
    .map(([value, junk, seed, kind]) => mutate(value, junk, seed, kind));
  return fc.oneof(
    { arbitrary: mutated, weight: 3 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
  );
}

/** Walks down a random path of objects and arrays, then changes what it reached. */
function mutate(value: unknown, junk: unknown, seed: number, kind: number): unknown {
  if (value === null || typeof value !== 'object') return junk;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...value };
  const keys = Object.keys(copy);
  const key = keys[seed % Math.max(keys.length, 1)];
  const target = copy as Record<string, unknown>;
  if (key === undefined || kind === 2) target[`unknown_${seed % 7}`] = junk;
  else if (kind === 1 && !Array.isArray(copy)) delete target[key];
  else target[key] = mutate(target[key], junk, Math.floor(seed / 7), kind);
  return copy;
}
