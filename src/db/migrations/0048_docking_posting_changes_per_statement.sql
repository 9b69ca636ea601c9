-- The change rows of docking postings (0040) noted once per statement instead of once per row: the row
-- trigger ran a PL/pgSQL call and a one-row insert for every written posting, so a COPY of 100 000 postings
-- took four times as long. The statement triggers read the statement's rows from its transition table
-- (REFERENCING NEW / OLD TABLE) and insert their ids in one statement, stamped with the writing
-- transaction's id as before. A statement that writes more postings than the open book patches at most
-- (open-book.ts PATCH_MAX, 2 000) notes one row without a posting instead, "unknown": every book reads
-- the table in full then, as it would for that many changes anyway.
-- PostgreSQL does not allow transition tables on a trigger of several events: one trigger per event.
drop trigger docking_postings_changed on docking_postings;

create function note_docking_posting_rows() returns trigger language plpgsql as $$
declare n int;
begin
  if tg_op = 'DELETE' then
    select count(*) into n from old_rows;
  else
    select count(*) into n from new_rows;
  end if;
  if n = 0 then
    return null;
  elsif n > 2000 then
    insert into docking_posting_changes (posting_id) values (null);
  elsif tg_op = 'DELETE' then
    insert into docking_posting_changes (posting_id) select id from old_rows;
  else
    -- an update that changes a posting's id is not made by the application; both ids are noted all the same
    insert into docking_posting_changes (posting_id) select id from new_rows;
    if tg_op = 'UPDATE' then
      insert into docking_posting_changes (posting_id)
        select o.id from old_rows o where not exists (select 1 from new_rows r where r.id = o.id);
    end if;
  end if;
  return null;
end $$;

create trigger docking_postings_inserted after insert on docking_postings
  referencing new table as new_rows for each statement execute function note_docking_posting_rows();
create trigger docking_postings_updated after update on docking_postings
  referencing old table as old_rows new table as new_rows for each statement execute function note_docking_posting_rows();
create trigger docking_postings_deleted after delete on docking_postings
  referencing old table as old_rows for each statement execute function note_docking_posting_rows();
