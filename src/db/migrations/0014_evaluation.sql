-- Evaluation and cultivation (0014, DESIGN.md M6): 亩均效益 evaluation, park renewal, tier eligibility
-- (梯度培育) and the incubation pipeline (0→1→10→N).
--
-- Rules are data: every scheme is a versioned document (kind per_mu | tier | renewal) with its source.
-- A published version is never edited: a change is a new version (the trigger below refuses updates of
-- a published document). Units are in column names (_wan 万元, _mu 亩, _pct per cent, _mwh MWh).

create table evaluation_rule_sets (
  id int generated always as identity primary key,
  code text not null,                       -- 'huangyan-2023', 'huaian-2024', 'wuhan-default', 'miit-2022' …
  version int not null,
  kind text not null check (kind in ('per_mu', 'tier', 'renewal')),
  name text not null,
  name_en text,
  region_code char(6) references regions (code),   -- the district (or city) it applies to; null = anywhere
  effective_from date not null,
  status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
  verified boolean not null default false,   -- an administrator confirmed it against the published text
  assumption boolean not null default false, -- not a published scheme: ParkLink's default, to be confirmed
  source_title text not null,
  source_publisher text,
  source_url text,
  source_clause text,
  document jsonb not null,                   -- the rule set itself (contracts/evaluation.ts ZRuleSetDocument)
  synthetic boolean not null default false,
  created_by int references users (id) on delete set null,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  unique (code, version)
);
create index evaluation_rule_sets_kind on evaluation_rule_sets (kind, status);

-- A published document is immutable (publish = the one allowed change, from draft; retire keeps the text).
create function evaluation_rule_sets_frozen() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft' and (new.document is distinct from old.document or new.code <> old.code
      or new.version <> old.version or new.kind <> old.kind) then
    raise exception 'published rule set % v% is never edited in place', old.code, old.version
      using errcode = '23514';
  end if;
  return new;
end $$;
create trigger evaluation_rule_sets_frozen before update on evaluation_rule_sets
  for each row execute function evaluation_rule_sets_frozen();

-- Facts the registry's metrics do not hold, per firm and year: what the tier measures and the per-mu
-- buckets ask for (debt ratio, main-business share, niche years, IP by class, awards …).
create table evaluation_facts (
  enterprise_id int not null references enterprises (id) on delete cascade,
  year int not null,
  facts jsonb not null default '{}',         -- field → value, fields from domain/evaluation/fields.ts
  source_id text not null references sources (id),
  synthetic boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (enterprise_id, year)
);

create table evaluation_runs (
  id int generated always as identity primary key,
  rule_set_id int not null references evaluation_rule_sets (id) on delete restrict,
  year int not null,
  region_code char(6) references regions (code),     -- the run's area (null = the whole city)
  status text not null default 'running' check (status in ('running', 'completed', 'failed')),
  job_id uuid,
  assessed int not null default 0,
  not_assessed int not null default 0,
  distribution jsonb not null default '{}',          -- class → count
  context jsonb not null default '{}',               -- benchmarks and average contributions by group (what-if)
  created_by int references users (id) on delete set null,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index evaluation_runs_year on evaluation_runs (year, created_at desc);

create table evaluation_results (
  run_id int not null references evaluation_runs (id) on delete cascade,
  enterprise_id int not null references enterprises (id) on delete cascade,
  bucket text not null,
  class text not null check (class in ('A', 'B', 'C', 'D', 'T')),
  score double precision,                  -- null for T
  rank int,                                -- within its group (district or all)
  group_size int,
  land_mu double precision,
  detail jsonb not null,                   -- indicators: value, benchmark, contribution; bonus / penalty; T reason
  primary key (run_id, enterprise_id)
);
create index evaluation_results_enterprise on evaluation_results (enterprise_id);

create table renewal_projects (
  id int generated always as identity primary key,
  park_id int not null references parks (id) on delete restrict,
  name text not null,
  mode text not null check (mode in ('replace_park', 'replace_firms', 'retain')),   -- 改园换企 / 留园换企 / 留园留企
  investment_wan numeric(18, 2),
  status text not null default 'planned' check (status in ('planned', 'under_way', 'completed')),
  started_on date,
  source_id text not null references sources (id),
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index renewal_projects_park on renewal_projects (park_id);

-- What a district reports of its renewal programme (Dongxihu: 16 projects, ¥1.76 bn since 2025), to count against.
create table renewal_targets (
  id int generated always as identity primary key,
  region_code char(6) not null references regions (code),
  since date not null,
  projects int,
  investment_wan numeric(18, 2),
  source_id text not null references sources (id),
  synthetic boolean not null default false,
  unique (region_code, since)
);

-- 0→1→10→N: dated stage transitions of a firm, with the institution it came through.
create table lifecycle_transitions (
  id int generated always as identity primary key,
  enterprise_id int not null references enterprises (id) on delete cascade,
  stage text not null check (stage in ('lab', 'incubator', 'accelerator', 'park')),
  occurred_on date not null,
  institution_id int references institutions (id) on delete set null,
  park_id int references parks (id) on delete set null,
  note text,
  source_id text not null references sources (id),
  synthetic boolean not null default false,
  created_at timestamptz not null default now(),
  unique (enterprise_id, stage)
);
create index lifecycle_transitions_institution on lifecycle_transitions (institution_id);

-- Counts against targets (little giants: 309 in total, 103 new), by tier, year and area.
create table tier_targets (
  id int generated always as identity primary key,
  tier_code text not null references tiers (code),
  region_code char(6) references regions (code),
  year int not null,
  target_total int,
  target_new int,
  reported_total int,                      -- the published count, when there is one
  reported_new int,
  source_id text not null references sources (id),
  synthetic boolean not null default false,
  unique (tier_code, region_code, year)
);

-- Re-review reminders for honours that expire, written by the evaluation.remind job.
create table honour_reminders (
  id int generated always as identity primary key,
  enterprise_id int not null references enterprises (id) on delete cascade,
  tier_code text not null,
  valid_until date not null,
  due_on date not null,
  created_at timestamptz not null default now(),
  job_id uuid,
  unique (enterprise_id, tier_code, valid_until)
);
