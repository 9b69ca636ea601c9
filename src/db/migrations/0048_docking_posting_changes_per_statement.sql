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

-- The places of firms (where a firm sits: its units' buildings, parks and districts, its registered
-- district) are held in memory too (src/server/modules/docking/place-book.ts) and patched the same way:
-- a write to enterprises or occupancies notes the firms it touched, kind 'place' (firm_id null: unknown,
-- read every place again). The open book reads the rows of kind 'posting' only. Buildings, floors, units
-- and parks change rarely: their change counters (0008) make the place book read in full.
alter table docking_posting_changes
  add column kind text not null default 'posting' check (kind in ('posting', 'place')),
  add column firm_id int;

-- Only what a place is read from: an enterprise's id and region_code, an occupancy's firm, unit and dates.
create function note_firm_place_rows() returns trigger language plpgsql as $$
declare
  n bigint;
  ids int[];
begin
  if tg_op = 'TRUNCATE' then
    insert into docking_posting_changes (kind, firm_id) values ('place', null);
    return null;
  end if;
  if tg_op = 'DELETE' then
    select count(*) into n from old_rows;
  else
    select count(*) into n from new_rows;
  end if;
  if n > 2000 then
    insert into docking_posting_changes (kind, firm_id) values ('place', null);
    return null;
  end if;
  if tg_table_name = 'enterprises' then
    if tg_op = 'INSERT' then
      ids := array(select id from new_rows);
    elsif tg_op = 'DELETE' then
      ids := array(select id from old_rows);
    else
      ids := array(select r.id from new_rows r left join old_rows o on o.id = r.id
                    where o.id is null or r.region_code is distinct from o.region_code
                   union select o.id from old_rows o where not exists (select 1 from new_rows r where r.id = o.id));
    end if;
  else
    if tg_op = 'INSERT' then
      ids := array(select distinct enterprise_id from new_rows);
    elsif tg_op = 'DELETE' then
      ids := array(select distinct enterprise_id from old_rows);
    else
      ids := array(select r.enterprise_id from new_rows r left join old_rows o on o.id = r.id
                    where o.id is null
                       or (r.enterprise_id, r.unit_id, r.started_on, r.ended_on)
                          is distinct from (o.enterprise_id, o.unit_id, o.started_on, o.ended_on)
                   union select o.enterprise_id from new_rows r join old_rows o on o.id = r.id
                    where (r.enterprise_id, r.unit_id, r.started_on, r.ended_on)
                          is distinct from (o.enterprise_id, o.unit_id, o.started_on, o.ended_on)
                   union select o.enterprise_id from old_rows o where not exists (select 1 from new_rows r where r.id = o.id));
    end if;
  end if;
  if cardinality(ids) > 0 then
    insert into docking_posting_changes (kind, firm_id) select 'place', unnest(ids);
  end if;
  return null;
end $$;

create trigger enterprises_place_inserted after insert on enterprises
  referencing new table as new_rows for each statement execute function note_firm_place_rows();
create trigger enterprises_place_updated after update on enterprises
  referencing old table as old_rows new table as new_rows for each statement execute function note_firm_place_rows();
create trigger enterprises_place_deleted after delete on enterprises
  referencing old table as old_rows for each statement execute function note_firm_place_rows();
create trigger enterprises_place_truncated after truncate on enterprises
  for each statement execute function note_firm_place_rows();
create trigger occupancies_place_inserted after insert on occupancies
  referencing new table as new_rows for each statement execute function note_firm_place_rows();
create trigger occupancies_place_updated after update on occupancies
  referencing old table as old_rows new table as new_rows for each statement execute function note_firm_place_rows();
create trigger occupancies_place_deleted after delete on occupancies
  referencing old table as old_rows for each statement execute function note_firm_place_rows();
create trigger occupancies_place_truncated after truncate on occupancies
  for each statement execute function note_firm_place_rows();
