-- Programme targets edited as the 工业上楼 rules are (issue 13): a draft of the whole target set in
-- space_drafts (kind 'targets'), published as the next version of space_target_sets. The version in
-- force is also written out to space_targets (its rows, ids renewed on each publish), which progress
-- reads; before any publish, space_targets holds the seeded set ("version 0").
create table space_target_sets (
  version int primary key check (version > 0),
  targets jsonb not null,                       -- TTargetItem[]
  note text,
  created_by text,
  created_at timestamptz not null default now()
);
create trigger space_target_sets_immutable before update or delete on space_target_sets
  for each row execute function space_published_immutable();

alter table space_drafts drop constraint space_drafts_kind_check;
alter table space_drafts add constraint space_drafts_kind_check check (kind in ('rules', 'targets'));

-- A target marked illustrative (synthetic) may cite no source document.
alter table space_targets alter column source_id drop not null;
alter table space_targets add constraint space_targets_source_unless_synthetic
  check (source_id is not null or synthetic);
