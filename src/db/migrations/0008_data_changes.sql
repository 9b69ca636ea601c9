-- A change counter per table for the caches built from whole tables (the chain index reads every
-- enterprise, figure, supplier link and mapping; see src/server/lib/data-changes.ts).
--
-- Every committed insert, update, delete or truncate on a tracked table adds one row here, in the
-- same transaction as the change: a reader sees exactly the changes its snapshot sees, and the sum
-- per table only ever grows as transactions commit. Uncommitted changes are invisible, so a cache
-- can never be keyed by a change that later rolls back, and writers never wait on one another
-- (each appends its own row; there is no shared counter row to lock). Readers fold the rows into
-- one per table now and then; folding keeps every sum, so it changes no key.
--
-- Statement-level triggers: a COPY or a bulk import of a million rows adds one row, not a million.
-- A statement that changes no row still counts: a needless rebuild, never a stale cache.
-- Loads with `session_replication_role = replica` skip triggers and so are not counted: restart
-- the server (its caches live in memory) after such a load.

create table data_changes (
  table_name text not null,
  changes bigint not null check (changes > 0)
);
create index data_changes_table on data_changes (table_name);

create function note_data_change() returns trigger language plpgsql as $$
begin
  insert into data_changes (table_name, changes) values (TG_TABLE_NAME, 1);
  return null;
end
$$;

do $$
declare t text;
begin
  foreach t in array array['enterprises', 'enterprise_metrics', 'supply_links', 'chain_mappings', 'chain_leaders',
                           'occupancies', 'units', 'floors', 'buildings', 'parks', 'chain_templates'] loop
    execute format('create trigger %I after insert or update or delete on %I for each statement execute function note_data_change()',
                   t || '_data_change', t);
    execute format('create trigger %I after truncate on %I for each statement execute function note_data_change()',
                   t || '_data_truncate', t);
  end loop;
end
$$;
