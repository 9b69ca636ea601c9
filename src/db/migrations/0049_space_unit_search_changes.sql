-- Site search (issue 13): which units' search rows changed, so each app process's index of vacant units in
-- memory (src/server/modules/space/search-index.ts) re-reads only those units instead of the whole index
-- (seconds at 100 k units) after a write. The pattern of docking's open book (migration 0040): one row per
-- changed unit, stamped with the writing transaction's id; an index read under snapshot S applies the rows
-- whose transaction S did not see (committed since), exactly, whatever the commit order.
--
-- Logged on space_unit_search itself: every write that changes what a search reads of a unit (units, floors,
-- buildings, parks, specs, building specs, listings) reaches it through the 0031 triggers, which rewrite the
-- unit's row (a delete and an insert: two change rows per unit, harmless). A row without a unit means
-- "unknown, read the whole index again": a TRUNCATE, or a statement that rewrote more than 5000 rows (a bulk
-- load, a park's rename) — one row instead of thousands, and a full read is then as cheap as a patch.
-- Rows are kept a day (`at`), then pruned (the space manifest's onListen); an index whose snapshot is older
-- than an hour is read in full, never patched, so no index ever needs a pruned row.
create table space_unit_search_changes (
  xid xid8 not null default pg_current_xact_id(),
  unit_id int,
  at timestamptz not null default clock_timestamp()
);
create index space_unit_search_changes_xid on space_unit_search_changes (xid);
create index space_unit_search_changes_at on space_unit_search_changes (at);

create function note_space_unit_search_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    insert into space_unit_search_changes (unit_id) values (null);
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    if (select count(*) from ot) > 5000 then
      insert into space_unit_search_changes (unit_id) values (null);
    else
      insert into space_unit_search_changes (unit_id) select unit_id from ot;
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    if (select count(*) from nt) > 5000 then
      insert into space_unit_search_changes (unit_id) values (null);
    else
      insert into space_unit_search_changes (unit_id) select unit_id from nt;
    end if;
  end if;
  return null;
end $$;

create trigger space_unit_search_changed_i after insert on space_unit_search
  referencing new table as nt for each statement execute function note_space_unit_search_change();
create trigger space_unit_search_changed_u after update on space_unit_search
  referencing old table as ot new table as nt for each statement execute function note_space_unit_search_change();
create trigger space_unit_search_changed_d after delete on space_unit_search
  referencing old table as ot for each statement execute function note_space_unit_search_change();
create trigger space_unit_search_changed_t after truncate on space_unit_search
  for each statement execute function note_space_unit_search_change();
