-- Imports and the change history they (and later every write) leave behind.
create table change_log (
  id bigint generated always as identity primary key,
  entity text not null,                 -- table name, e.g. enterprises
  entity_id text not null,             -- the row's key (numeric ids as text; sources have text ids)
  action text not null check (action in ('create', 'update', 'delete')),
  old_values jsonb,
  new_values jsonb,
  actor text,
  via text,                             -- e.g. import:12, api
  at timestamptz not null default now()
);
create index change_log_entity on change_log (entity, entity_id);

create table imports (
  id int generated always as identity primary key,
  file_name text not null,
  kind text,                            -- null: a workbook whose sheet names give the kinds
  mode text not null check (mode in ('all', 'valid')),
  status text not null check (status in ('validated', 'rejected', 'committed')),
  encoding text,
  summary jsonb not null default '{}',
  problems jsonb not null default '[]',
  file bytea not null,
  created_at timestamptz not null default now(),
  committed_at timestamptz
);

-- Sources become importable and editable like other records.
alter table sources
  add column version int not null default 1,
  add column created_at timestamptz not null default now(),
  add column updated_at timestamptz not null default now();
