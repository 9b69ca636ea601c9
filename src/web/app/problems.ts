/** The message of a failed API call in the current language, from its error code when the code is known. */
import { type CoreErrorCode, ERROR_MESSAGES } from '../../contracts/errors';
import { ApiError } from '../client/client';

const isCode = (c: string | undefined): c is CoreErrorCode => c !== undefined && Object.hasOwn(ERROR_MESSAGES, c);

/** The error code of an ApiError; a 429 from the rate limiter counts as rate_limited whatever its body says. */
export function problemCode(e: unknown): CoreErrorCode | undefined {
  if (!(e instanceof ApiError)) return undefined;
  if (e.status === 429) return 'rate_limited';
  return isCode(e.code) ? e.code : undefined;
}

/**
 * A readable sentence for an error: the bilingual message of its code, else the server's detail.
 * `network` is the text for "no answer at all" (the caller's translation).
 */
export function problemText(e: unknown, lang: string, network: string): string {
  if (e instanceof ApiError && e.status === 0) return network;
  const code = problemCode(e);
  if (code) return ERROR_MESSAGES[code][lang === 'en-US' ? 'en' : 'zh'];
  if (e instanceof ApiError) {
    const one = e.problem.errors?.length === 1 ? e.problem.errors[0]?.message : undefined;
    const m = one ?? e.problem.message;
    if (typeof m === 'string') return m;
    if (m) return m[lang === 'en-US' ? 'en' : 'zh'];
    return e.problem.detail ?? e.problem.title ?? e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
