-- Cockpit (0017): targets as data, snapshots of figures for their trend, staleness rules per kind of fact,
-- update requests from a bureau or operator to the organisation owning stale facts, and generated reports.

-- A target (or a figure a source reports) for a registered cockpit figure (platform/figures.ts) in a scope.
create table cockpit_targets (
  id int generated always as identity primary key,
  metric text not null,                    -- a figure key, e.g. cockpit.upstairs_area
  scope text not null default 'city',      -- city | district:420111 | park:ID
  kind text not null default 'target' check (kind in ('target', 'reported')),
  label text not null,
  label_en text,
  period_start date not null,
  period_end date not null,
  value double precision not null,
  unit text not null,
  baseline double precision,               -- the figure at period_start, when known
  source_id text not null references sources (id),
  note text,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (period_end >= period_start)
);
create index cockpit_targets_scope on cockpit_targets (scope, metric);

-- One value of a figure per scope and day (the full value; readers redact), for trends and forecasts.
create table cockpit_figure_snapshots (
  metric text not null,
  scope text not null,
  on_date date not null,
  value double precision not null,
  primary key (metric, scope, on_date)
);

-- When a kind of fact is stale: `yearly_report` facts for year Y are due `grace_days` after 31 December of Y;
-- the others must have been confirmed within their period plus grace days.
create table cockpit_staleness_rules (
  kind text primary key check (kind in ('metrics', 'occupancy', 'contacts', 'vacancy')),
  label text not null,
  label_en text not null,
  period text not null check (period in ('monthly', 'quarterly', 'yearly', 'yearly_report')),
  grace_days int not null check (grace_days between 0 and 366),
  owner text not null check (owner in ('enterprise', 'park_operator')),
  note text,
  version int not null default 1,
  updated_at timestamptz not null default now()
);

create table cockpit_update_requests (
  id int generated always as identity primary key,
  from_org_id int not null references organisations (id) on delete cascade,
  from_user_id int references users (id) on delete set null,
  to_org_id int not null references organisations (id) on delete cascade,
  scope text not null,
  message text,
  status text not null default 'open' check (status in ('open', 'answered', 'closed')),
  due_on date not null,
  reminders int not null default 0,
  last_reminded_at timestamptz,
  escalated boolean not null default false,
  created_at timestamptz not null default now(),
  answered_at timestamptz,
  version int not null default 1,
  updated_at timestamptz not null default now()
);
create index cockpit_update_requests_to on cockpit_update_requests (to_org_id, status);
create index cockpit_update_requests_from on cockpit_update_requests (from_org_id, status);

-- One stale fact asked for: a record of a kind (units = vacancy, occupancies, enterprises = contacts,
-- enterprise_metrics = the yearly report of an enterprise) and its as-of date when asked.
create table cockpit_update_request_items (
  id int generated always as identity primary key,
  request_id int not null references cockpit_update_requests (id) on delete cascade,
  kind text not null,
  record_table text not null check (record_table in ('units', 'occupancies', 'enterprises')),
  record_id int not null,
  label text not null,
  as_of_before date,
  due_year int,                            -- metrics: the report year asked for
  answer text check (answer in ('unchanged', 'updated')),
  as_of_after date,
  answered_at timestamptz,
  answered_by int references users (id) on delete set null
);
create index cockpit_update_request_items_request on cockpit_update_request_items (request_id);

-- A generated report: its PDF, who asked (the watermark names them) and the data's as-of date.
create table cockpit_reports (
  id int generated always as identity primary key,
  kind text not null,
  scope text not null,
  owner_user_id int references users (id) on delete cascade,
  lang text not null,
  as_of date not null,
  filename text not null,
  bytes int not null,
  file bytea not null,
  created_at timestamptz not null default now()
);
create index cockpit_reports_owner on cockpit_reports (owner_user_id, created_at desc);
