-- Which docking postings changed, so each app process's open book in memory (src/server/modules/docking/
-- open-book.ts) updates the few postings that moved instead of reading the whole book again. One row per
-- written posting, stamped with the writing transaction's id: a process that read the book under snapshot S
-- applies the rows whose transaction S did not see (committed since), exactly, whatever the commit order.
-- A row without a posting (a TRUNCATE) means "unknown": the book is read again in full.
-- Rows are kept a day (`at`, the time of the write), then pruned: a book whose snapshot is older than an hour
-- is read in full instead of patched, so no book ever needs a pruned row.
create table docking_posting_changes (
  xid xid8 not null default pg_current_xact_id(),
  posting_id int,
  at timestamptz not null default clock_timestamp()
);
create index docking_posting_changes_xid on docking_posting_changes (xid);
create index docking_posting_changes_at on docking_posting_changes (at);

create function note_docking_posting_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    insert into docking_posting_changes (posting_id) values (null);
  elsif tg_op = 'DELETE' then
    insert into docking_posting_changes (posting_id) values (old.id);
  else
    insert into docking_posting_changes (posting_id) values (new.id);
  end if;
  return null;
end $$;

create trigger docking_postings_changed after insert or update or delete on docking_postings
  for each row execute function note_docking_posting_change();
create trigger docking_postings_changed_truncate after truncate on docking_postings
  for each statement execute function note_docking_posting_change();
