-- Site search (issue 13): the vacant units' search facts are held in memory by each app process
-- (src/server/modules/space/search-index.ts) and rebuilt when this table's change counter (migration
-- 0008) moves. Every write that changes a unit's effective values reaches space_unit_search through the
-- 0031 triggers (units, floors, buildings, parks, specs, building specs, listings), so counting this one
-- table (with units, floors, buildings and parks, counted already) keeps the cache from going stale.
create trigger space_unit_search_data_change after insert or update or delete on space_unit_search
  for each statement execute function note_data_change();
create trigger space_unit_search_data_truncate after truncate on space_unit_search
  for each statement execute function note_data_change();
