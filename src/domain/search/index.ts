/** Chinese-aware search: keys stored with each entity, query folding, and ranking of candidates. */
export { FUZZY_MIN_LENGTH, type FuzzyPatterns, fuzzyPatterns, PIECES_MIN_LENGTH } from './fuzzy.js';
export { GRAM_MARK, grams, pinyinKeys, type SearchSource, searchKeys } from './keys.js';
export {
  compareMatches,
  fuzzyMatch,
  MATCH_FIELDS,
  MATCH_KINDS,
  type Match,
  type MatchField,
  type MatchKind,
  matchRecord,
  maxEdits,
  normalizeQuery,
  type SearchQuery,
  substringDistance,
} from './match.js';
export { fold, type Range, syllables } from './text.js';
