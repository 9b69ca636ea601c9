/**
 * What each searchable entity offers to search, from its API input (camelCase) or a row selected
 * with the same names: the one mapping used by the resource specs (on every create and update), the
 * backfill and the search itself, so keys and ranking always see the same fields.
 */
import { type SearchSource, searchKeys } from '../../../domain/search/index.js';

export const SEARCH_TYPES = ['park', 'building', 'enterprise', 'institution'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

type Opt<T> = T | null | undefined;
export type SearchFields = {
  name: string;
  nameEn?: Opt<string>;
  code?: Opt<string>;
  tags?: Opt<readonly string[]>;
  aliases?: Opt<readonly string[]>;
  creditCode?: Opt<string>;
  products?: Opt<readonly string[]>;
};

/** The search source of an entity of a type; fields the type does not search are ignored. */
export function sourceOf(type: SearchType, r: SearchFields): SearchSource {
  switch (type) {
    case 'park':
      return { name: r.name, nameEn: r.nameEn, tags: r.tags, codes: [r.code] };
    case 'building':
      return { name: r.name, nameEn: r.nameEn, codes: [r.code] };
    case 'enterprise':
      return { name: r.name, nameEn: r.nameEn, aliases: r.aliases, codes: [r.creditCode], products: r.products };
    case 'institution':
      return { name: r.name, nameEn: r.nameEn };
  }
}

/** search_keys for an entity of a type. */
export const keysOf = (type: SearchType, r: SearchFields) => searchKeys(sourceOf(type, r));

export interface SearchTable {
  table: string;
  /** Select list (main table aliased t) giving the SearchFields names. */
  fields: string;
}

export const SEARCH_TABLES: Record<SearchType, SearchTable> = {
  park: { table: 'parks', fields: 't.name, t.name_en as "nameEn", t.code, t.tags' },
  building: { table: 'buildings', fields: 't.name, t.name_en as "nameEn", t.code' },
  enterprise: {
    table: 'enterprises',
    fields: 't.name, t.name_en as "nameEn", t.aliases, t.credit_code as "creditCode", t.products',
  },
  institution: { table: 'institutions', fields: 't.name, t.name_en as "nameEn"' },
};
