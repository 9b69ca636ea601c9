/**
 * The global safety net for text: NUL characters and unpaired UTF-16 surrogates cannot be stored
 * in PostgreSQL text (nor encoded as UTF-8), so any request carrying one — in the path, the query
 * string or anywhere in a JSON body, keys included — is refused with 422 naming each field, before
 * its route validates it. Every route gets this by construction; contracts need not repeat it.
 */
import type { FastifyInstance } from 'fastify';
import { type FieldProblem, fieldProblem } from '../../contracts/errors.js';
import { hasUnsafeChars } from '../../contracts/limits.js';
import { invalid } from './errors.js';

/** Deeper values are left to the route's schema, which accepts nothing this deep. */
const MAX_DEPTH = 64;
const MAX_PROBLEMS = 20;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters replaced
const UNSAFE_ANY = /[\u0000\ud800-\udfff]/g;

/** Every path at which `value` holds a NUL or a lone surrogate (in a string or an object key). */
export function unsafePaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const found: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (found.length >= MAX_PROBLEMS) return;
    if (typeof v === 'string') {
      if (hasUnsafeChars(v)) found.push(path);
    } else if (Array.isArray(v)) {
      if (path.length - prefix.length < MAX_DEPTH) for (const [i, x] of v.entries()) walk(x, [...path, i]);
    } else if (v !== null && typeof v === 'object' && path.length - prefix.length < MAX_DEPTH) {
      for (const [k, x] of Object.entries(v)) {
        // The key itself is unsafe: name it with the bad characters replaced, so the answer is valid JSON text.
        if (hasUnsafeChars(k)) found.push([...path, k.replace(UNSAFE_ANY, '\ufffd')]);
        else walk(x, [...path, k]);
      }
    }
  };
  walk(value, prefix);
  return found;
}

export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const paths = [
      ...unsafePaths(req.params, ['params']),
      ...unsafePaths(req.query, ['query']),
      ...unsafePaths(req.body),
    ];
    if (paths.length) {
      const problems: FieldProblem[] = paths.map((p) => fieldProblem(p, 'unsafe_characters'));
      throw invalid(problems);
    }
  });
}
