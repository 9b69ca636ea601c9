-- The draft of the 工业上楼 rules (issue 13): editing makes a draft, publishing makes it the next
-- version in space_rule_sets, the one in force. One draft per kind; `base_version` is the version the
-- draft was started from, so a publish over a version published meanwhile is refused.
create table space_drafts (
  kind text primary key check (kind in ('rules')),
  body jsonb not null,                          -- TUpstairsRule[]
  note text,
  base_version int not null default 0,
  updated_by text,
  updated_at timestamptz not null default now()
);

-- A published version never changes: updates and deletes of a version row are refused.
create function space_published_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'published version % of % never changes', old.version, tg_table_name using errcode = '55000';
end $$;
create trigger space_rule_sets_immutable before update or delete on space_rule_sets
  for each row execute function space_published_immutable();
