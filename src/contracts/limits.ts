/**
 * Limits of what the database holds, shared by the API contracts and the web forms so a form
 * never advertises a value the server refuses (or worse, one the database cannot store).
 * Integers live in PostgreSQL `int` columns (−2³¹ … 2³¹−1); money in `numeric(18, 2)`, whose
 * integer part has 16 digits; text must be valid UTF-8 without NUL (PostgreSQL refuses both).
 */
import { z } from 'zod';

export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;
/** Largest amount (万元) the form and the API accept for a numeric(18, 2) column. */
export const MONEY_WAN_MAX = 999_999_999_999;
/** Largest head count or quantity a form advertises (employees, participants, signings). */
export const COUNT_MAX = INT32_MAX;

/** An integer an `int` column holds. */
export const int32 = () => z.number().int().min(INT32_MIN).max(INT32_MAX);

/** A positive id in a path or query string (coerced from text), bounded to an `int` column. */
export const idParam = () => z.coerce.number().int().positive().max(INT32_MAX);

/** An amount in 万元 for a numeric(18, 2) column: finite, at most MONEY_WAN_MAX in size. */
export const moneyWan = () => z.number().min(-MONEY_WAN_MAX).max(MONEY_WAN_MAX);

/** NUL, and UTF-16 surrogates not part of a pair (JSON can carry them; UTF-8 cannot). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when a string holds NUL or a lone surrogate, which no text column can store. */
export const hasUnsafeChars = (s: string): boolean => UNSAFE.test(s);

/** What a number input advertises: the schema's own bounds, so the form and the API agree. */
export interface NumberBounds {
  min?: number;
  max?: number;
  precision?: number;
}

/**
 * The bounds of a (possibly optional, nullable or defaulted) zod number schema, for an antd
 * InputNumber: `<InputNumber {...numberBounds(ZEventInput.shape.participants)} />`. An exclusive
 * lower bound of an integer becomes the next integer (positive → min 1).
 */
export function numberBounds(schema: z.ZodType): NumberBounds {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
    s = s.unwrap() as z.ZodType;
  if (!(s instanceof z.ZodNumber)) return {};
  const out: NumberBounds = {};
  const { minValue, maxValue, isInt } = s;
  if (minValue !== null && Number.isFinite(minValue))
    out.min = isInt && !s.safeParse(minValue).success ? minValue + 1 : minValue;
  if (maxValue !== null && Number.isFinite(maxValue))
    out.max = isInt && !s.safeParse(maxValue).success ? maxValue - 1 : maxValue;
  if (isInt) out.precision = 0;
  return out;
}
