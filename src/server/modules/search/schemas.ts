/** zod schemas of the search API (they also produce its OpenAPI description). */
import { z } from 'zod';
import { MATCH_FIELDS, MATCH_KINDS } from '../../../domain/search/index.js';
import { SEARCH_TYPES } from './sources.js';

const typeList = new RegExp(`^(${SEARCH_TYPES.join('|')})(,(${SEARCH_TYPES.join('|')}))*$`);

export const ZSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe('Chinese text (江丰), pinyin (jiangfeng), initials (jfdz), an alias, a credit code or its prefix'),
  types: z
    .string()
    .regex(typeList)
    .optional()
    .describe(`Comma-separated kinds to search: ${SEARCH_TYPES.join(', ')} (default: all)`),
  limit: z.coerce.number().int().min(1).max(50).default(20).describe('Hits to return, best first'),
});

export const ZRange = z.object({
  start: z.number().int().describe('First UTF-16 position to mark'),
  end: z.number().int().describe('Position after the last one to mark'),
});

export const ZSearchHit = z.object({
  type: z.enum(SEARCH_TYPES),
  id: z.number().int(),
  title: z.string().describe('Name of the park, building, enterprise or institution'),
  subtitle: z.string().nullable().describe('Where it is: park · district'),
  matchedField: z.enum(MATCH_FIELDS).describe('Field the query matched (namePinyin, nameInitials, alias, code, …)'),
  match: z.enum(MATCH_KINDS).describe('exact > prefix > substring > fuzzy'),
  score: z.number().describe('0–1, higher is better; hits are ordered by it'),
  highlight: z
    .object({ text: z.string(), ranges: z.array(ZRange) })
    .describe('Text to show with the ranges to mark: the title, or the matched alias, tag, code or product'),
});

export const ZSearchResult = z.object({
  query: z.string(),
  normalized: z.string().describe('The query as matched: NFKC, lower case, spaces collapsed'),
  items: z.array(ZSearchHit),
});

export type TSearchHit = z.infer<typeof ZSearchHit>;
export type TSearchResult = z.infer<typeof ZSearchResult>;
