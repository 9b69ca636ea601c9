-- Investment promotion (DESIGN M3, issue 6): projects from lead to production, their teams, contacts,
-- documents, follow-ups, supervision orders (督办), an append-only timeline, and the events they come
-- from (organisers, participants, itinerary, signings and intentions linked to projects).

create table projects (
  id int generated always as identity primary key,
  code_name text not null unique,               -- 项目代号: shown to everyone who sees the project
  name text,                                    -- real project name (confidential, like the investor)
  investor_enterprise_id int references enterprises (id) on delete set null,
  investor_name text,                           -- free-text investor when not in the registry
  investor_region_code text,                    -- GB/T 2260 code (province 2 digits, city 4, county 6) of its origin
  investor_country text,                        -- ISO 3166 alpha-2; null or CN: domestic
  stage text not null default 'lead' check (stage in ('lead', 'contact', 'site_visit', 'negotiation', 'signed',
                                                      'started', 'in_production', 'lost')),
  lost_reason text,
  lost_from_stage text,                         -- the stage the project was lost from (funnel, reopening)
  investment_wan numeric,                       -- planned investment, 万元
  annual_output_wan numeric,                    -- expected annual output, 万元
  jobs int,
  area_m2 numeric,                              -- space need: floor area, m²
  floor_load_kn_m2 numeric,                     -- space need: floor load, kN/m²
  land_mu numeric,                              -- space need: land, 亩
  chain_code text,
  node_id text,                                 -- chain template node, e.g. oe.laser
  source_kind text not null default 'inbound' check (source_kind in ('event', 'referral', 'fund', 'agent', 'inbound',
                                                                     'chain_gap', 'other')),
  source_event_id int references events (id) on delete set null,
  referrer_enterprise_id int references enterprises (id) on delete set null,  -- 以商招商: the local firm that referred
  source_note text,
  shortlist_id int references chain_shortlist (id) on delete set null,        -- the gap-filling candidate it came from
  owner_id int references users (id) on delete set null,
  shared boolean not null default false,        -- visible to every investment officer
  park_id int references parks (id) on delete set null,                      -- landing park
  next_follow_up_on date,
  signed_on date,
  started_on date,
  produced_on date,
  description text,
  source_id text not null default 'synthetic' references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  stage_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (stage <> 'lost' or coalesce(btrim(lost_reason), '') <> '')
);
create index projects_stage on projects (stage);
create index projects_owner on projects (owner_id);
create index projects_park on projects (park_id);
create index projects_follow_up on projects (next_follow_up_on);
create index projects_candidate on projects (investor_enterprise_id, node_id);

create table project_team (
  project_id int not null references projects (id) on delete cascade,
  user_id int not null references users (id) on delete cascade,
  primary key (project_id, user_id)
);

create table project_contacts (
  id int generated always as identity primary key,
  project_id int not null references projects (id) on delete cascade,
  name text not null,
  title text,
  phone text,
  email text,
  note text,
  created_at timestamptz not null default now()
);

create table project_documents (
  id int generated always as identity primary key,
  project_id int not null references projects (id) on delete cascade,
  name text not null,
  url text,
  note text,
  added_by text,
  created_at timestamptz not null default now()
);

create table project_follow_ups (
  id int generated always as identity primary key,
  project_id int not null references projects (id) on delete cascade,
  on_date date not null,
  kind text not null check (kind in ('visit', 'call', 'meeting', 'other')),
  note text not null,
  next_on date,
  by_user_id int references users (id) on delete set null,
  synthetic boolean not null default false,
  created_at timestamptz not null default now()
);
create index project_follow_ups_project on project_follow_ups (project_id, on_date);

-- Every change of a project: creation, stage moves, field changes (old and new values), follow-ups,
-- orders, contacts and documents. Append-only, like change_log.
create table project_timeline (
  id bigint generated always as identity primary key,
  project_id int not null references projects (id) on delete cascade,
  at timestamptz not null default now(),
  actor text,
  kind text not null check (kind in ('created', 'stage', 'fields', 'follow_up', 'order', 'contact', 'document',
                                     'outcome')),
  from_stage text,
  to_stage text,
  changes jsonb,                                -- {field: [old, new]} for kind fields; details otherwise
  note text
);
create index project_timeline_project on project_timeline (project_id, at);
create trigger project_timeline_append_only before update on project_timeline
  for each row execute function refuse_change();

-- 督办: a leader orders a follow-up on a project by a due date; the assignee must respond.
create table supervision_orders (
  id int generated always as identity primary key,
  project_id int not null references projects (id) on delete cascade,
  issued_by int references users (id) on delete set null,
  assignee_id int references users (id) on delete set null,
  instruction text not null,
  due_on date not null,
  status text not null default 'open' check (status in ('open', 'responded', 'closed')),
  response text,
  responded_at timestamptz,
  closed_at timestamptz,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now()
);
create index supervision_orders_assignee on supervision_orders (assignee_id, status);

-- Events (0001) gain organisers, participants and people; itinerary and outcomes are their own tables.
alter table events
  add column organisers jsonb not null default '[]',          -- [{name}]
  add column participant_orgs jsonb not null default '[]',    -- [{name, kind?}]
  add column people jsonb not null default '[]';              -- [{name, title?, organisation?}]

create table event_itinerary (
  id int generated always as identity primary key,
  event_id int not null references events (id) on delete cascade,
  position int not null default 0,
  on_date date,
  kind text not null check (kind in ('park', 'enterprise', 'meeting', 'other')),
  place text not null,                          -- as named in the source (a park or firm outside the registry)
  park_id int references parks (id) on delete set null,
  enterprise_id int references enterprises (id) on delete set null,
  note text
);
create index event_itinerary_event on event_itinerary (event_id, position);

create table event_outcomes (
  id int generated always as identity primary key,
  event_id int not null references events (id) on delete cascade,
  project_id int not null references projects (id) on delete cascade,
  kind text not null check (kind in ('signing', 'intention')),
  on_date date,
  note text,
  synthetic boolean not null default false,
  created_at timestamptz not null default now(),
  unique (event_id, project_id, kind)
);
create index event_outcomes_project on event_outcomes (project_id);
