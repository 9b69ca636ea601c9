-- Search across parks, buildings, enterprises and institutions (issue 3, item 4).
-- search_keys is computed in TypeScript (src/domain/search/keys.ts: name, pinyin, initials, aliases,
-- codes, two-character chunks); rows without keys are filled by backfillSearchKeys at start.
alter table parks add column search_keys text;
alter table buildings add column search_keys text;
alter table enterprises add column search_keys text;
alter table institutions add column search_keys text;

-- Substrings, chunks and typo-tolerant word similarity.
create index parks_search_trgm on parks using gin (search_keys gin_trgm_ops);
create index buildings_search_trgm on buildings using gin (search_keys gin_trgm_ops);
create index enterprises_search_trgm on enterprises using gin (search_keys gin_trgm_ops);
create index institutions_search_trgm on institutions using gin (search_keys gin_trgm_ops);

-- Exact and prefix matches on the name (segment 2), its pinyin (3) and its initials (4), in order.
create index parks_search_name on parks (split_part(search_keys, '|', 2) text_pattern_ops);
create index parks_search_pinyin on parks (split_part(search_keys, '|', 3) text_pattern_ops);
create index parks_search_initials on parks (split_part(search_keys, '|', 4) text_pattern_ops);
create index buildings_search_name on buildings (split_part(search_keys, '|', 2) text_pattern_ops);
create index buildings_search_pinyin on buildings (split_part(search_keys, '|', 3) text_pattern_ops);
create index buildings_search_initials on buildings (split_part(search_keys, '|', 4) text_pattern_ops);
create index enterprises_search_name on enterprises (split_part(search_keys, '|', 2) text_pattern_ops);
create index enterprises_search_pinyin on enterprises (split_part(search_keys, '|', 3) text_pattern_ops);
create index enterprises_search_initials on enterprises (split_part(search_keys, '|', 4) text_pattern_ops);
create index institutions_search_name on institutions (split_part(search_keys, '|', 2) text_pattern_ops);
create index institutions_search_pinyin on institutions (split_part(search_keys, '|', 3) text_pattern_ops);
create index institutions_search_initials on institutions (split_part(search_keys, '|', 4) text_pattern_ops);

-- Rows waiting for keys (new rows written by plain SQL, or rows whose names changed under it).
create index parks_search_pending on parks (id) where search_keys is null;
create index buildings_search_pending on buildings (id) where search_keys is null;
create index enterprises_search_pending on enterprises (id) where search_keys is null;
create index institutions_search_pending on institutions (id) where search_keys is null;

-- An update that changes a searched field without new keys (an import writing SQL directly) clears
-- the stale keys, so the row is keyed again instead of being found under its old name.
create function search_keys_clear() returns trigger language plpgsql as $$
begin
  new.search_keys := null;
  return new;
end $$;

create trigger parks_search_keys_stale before update on parks for each row
  when (new.search_keys is not distinct from old.search_keys
    and (new.name, new.name_en, new.code, new.tags) is distinct from (old.name, old.name_en, old.code, old.tags))
  execute function search_keys_clear();
create trigger buildings_search_keys_stale before update on buildings for each row
  when (new.search_keys is not distinct from old.search_keys
    and (new.name, new.name_en, new.code) is distinct from (old.name, old.name_en, old.code))
  execute function search_keys_clear();
create trigger enterprises_search_keys_stale before update on enterprises for each row
  when (new.search_keys is not distinct from old.search_keys
    and (new.name, new.name_en, new.aliases, new.credit_code, new.products)
      is distinct from (old.name, old.name_en, old.aliases, old.credit_code, old.products))
  execute function search_keys_clear();
create trigger institutions_search_keys_stale before update on institutions for each row
  when (new.search_keys is not distinct from old.search_keys
    and (new.name, new.name_en) is distinct from (old.name, old.name_en))
  execute function search_keys_clear();

-- Filtered, sorted enterprise lists at a million rows (measured by bench/registry.ts): a district
-- by name or newest first, a district with an industry prefix, an industry class prefix. LIKE
-- prefixes need text_pattern_ops, the database collation not being C.
create index enterprises_region_name on enterprises (region_code, name);
create index enterprises_region_founded on enterprises (region_code, founded_on desc nulls last);
create index enterprises_region_class on enterprises (region_code, industry_class_code text_pattern_ops);
create index enterprises_class_prefix on enterprises (industry_class_code text_pattern_ops);
