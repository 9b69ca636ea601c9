-- The open book of docking postings is held in memory by each app process (src/server/modules/docking/
-- open-book.ts) and rebuilt when this table's change counter (migration 0008) moves; a counter read per
-- request keeps several processes on one database correct.
create trigger docking_postings_data_change after insert or update or delete on docking_postings
  for each statement execute function note_data_change();
create trigger docking_postings_data_truncate after truncate on docking_postings
  for each statement execute function note_data_change();

-- A transaction that wrote postings itself (an import matches each row against the rows before it) reads
-- its own rows by their updated_at, which is the transaction's now() on insert and on close.
create index docking_postings_updated on docking_postings (updated_at);
