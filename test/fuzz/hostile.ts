/**
 * Generators for the hostile-input fuzzer: plausible values read from an operation's JSON schema
 * (so a request gets past validation and reaches the use case and the database), and hostile values
 * (out-of-range integers, floats, NUL bytes, lone surrogates, prototype keys, long strings, wrong
 * types, deep nesting) that replace one part of an otherwise plausible request.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
}

const deep = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Values that broke the API once or are known to break such APIs. */
export const HOSTILE_CONSTANTS: unknown[] = [
  2147483648,
  2147483647,
  -2147483649,
  9007199254740991,
  9007199254740992,
  1e308,
  -1e308,
  5e-324,
  -1,
  0,
  1.5,
  -0.5,
  '2147483648',
  '99999999999999999999',
  '1e308',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '-0',
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '__proto__',
  'constructor',
  '-toString',
  'hasOwnProperty',
  '-__proto__',
  'x'.repeat(5000),
  '长'.repeat(3000),
  "' or 1=1 --",
  '%_\\',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31T23:59:59Z',
  '\u202e\ufeff',
  true,
  false,
  null,
  [],
  {},
  [1, 'a', null],
  { __proto__: { polluted: 1 } },
  deep(40),
];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`) },
);

const clamp = (v: number | undefined, lo: number, hi: number) => Math.min(hi, Math.max(lo, v ?? lo));

/** A value the schema accepts, most of the time (patterns and formats are honoured where simple). */
export function plausible(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((s) => plausible(s, depth + 1)));
  if (schema.allOf?.length) return plausible(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -5);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 50);
      const lo = clamp(min, -1000, 1000);
      return fc.oneof(fc.integer({ min: lo, max: Math.max(lo, clamp(max, -1000, 5)) }), fc.constant(min));
    }
    case 'number': {
      const lo = clamp(schema.minimum ?? schema.exclusiveMinimum, -1000, 1000);
      const hi = Math.max(lo, clamp(schema.maximum ?? schema.exclusiveMaximum, -1000, 1000) || lo + 100);
      return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(plausible(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object': {
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) model[k] = plausible(s, depth + 1);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    case 'string':
      return plausibleString(schema);
    default:
      return fc.constant(null);
  }
}

function plausibleString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date') return fc.constantFrom('2025-01-01', '2026-06-30', '2024-02-29');
  if (schema.format === 'date-time') return fc.constant('2026-03-01T08:00:00.000Z');
  if (schema.format === 'email') return fc.constant('a@example.com');
  if (schema.format === 'uri') return fc.constant('https://example.com/x');
  const max = Math.min(schema.maxLength ?? 24, 24);
  const min = Math.min(schema.minLength ?? 0, max);
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? 1e9));
    } catch {
      /* a pattern fast-check cannot generate from: fall through to plain text */
    }
  }
  return fc.oneof(fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }), fc.constant('测试'));
}
