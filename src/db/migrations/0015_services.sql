-- Enterprise services (DESIGN.md M7, issue 15): 管家 tickets with service levels counted on China's
-- working calendar, coordinated visits (一企一访), and a policy library whose clauses are conditions.

-- The six service systems' categories; each names the agency level that owns it above the park's butlers.
create table service_categories (
  code text primary key,
  system text not null check (system in ('technology', 'finance', 'market', 'talent', 'information', 'management')),
  name_zh text not null,
  name_en text not null,
  owner_level text not null check (owner_level in ('district', 'city')),
  sort int not null default 0
);

-- Service hours of an organisation on China's working days (local time, Asia/Shanghai, UTC+8).
-- Organisations without a row use the platform default (see domain/services/calendar.ts).
create table service_hours (
  organisation_id int primary key references organisations (id) on delete cascade,
  windows jsonb not null,                      -- [{"start":"09:00","end":"12:00"}, …]
  version int not null default 1,
  updated_at timestamptz not null default now()
);

-- Days the calendar package does not know yet (a year it has not published) or a local exception.
create table service_calendar_days (
  day date primary key,
  working boolean not null,
  note text not null default '',
  source text not null default ''
);

-- Targets in working minutes; organisation_id null = every organisation, category_code null = every category.
create table service_sla_policies (
  id int generated always as identity primary key,
  category_code text references service_categories (code) on delete cascade,
  organisation_id int references organisations (id) on delete cascade,
  first_response_minutes int not null check (first_response_minutes > 0),
  resolution_minutes int not null check (resolution_minutes > 0),
  -- Escalate when this much working time is left before a target (0 = only once it is missed).
  warn_minutes int not null default 0 check (warn_minutes >= 0),
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index service_sla_policies_scope on service_sla_policies (coalesce(category_code, ''), coalesce(organisation_id, 0));

create table service_settings (
  id int primary key default 1 check (id = 1),
  quiet_period_days int not null default 30 check (quiet_period_days between 0 and 365),
  version int not null default 1,
  updated_at timestamptz not null default now()
);
insert into service_settings (id) values (1);

create table service_visits (
  id int generated always as identity primary key,
  enterprise_id int not null references enterprises (id) on delete cascade,
  organisation_id int not null references organisations (id) on delete restrict,
  joined_organisation_ids int[] not null default '{}',
  planned_on date not null,
  held_on date,
  status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
  purpose text not null default '',
  notes text not null default '',
  flags text[] not null default '{}',
  created_by int references users (id) on delete set null,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index service_visits_enterprise on service_visits (enterprise_id, planned_on);

create table service_tickets (
  id int generated always as identity primary key,
  enterprise_id int not null references enterprises (id) on delete cascade,
  park_id int references parks (id) on delete set null,
  category_code text not null references service_categories (code),
  title text not null,
  body text not null default '',
  status text not null default 'open' check (status in ('open', 'waiting_enterprise', 'resolved', 'closed', 'merged')),
  -- Who handles it now: the park's butler team, then the agency that owns the category.
  level text not null check (level in ('park', 'district', 'city')),
  team_organisation_id int references organisations (id) on delete set null,
  assignee_user_id int references users (id) on delete set null,
  opened_by_user_id int references users (id) on delete set null,
  channel text not null default 'enterprise' check (channel in ('enterprise', 'butler', 'visit')),
  visit_id int references service_visits (id) on delete set null,
  visit_flag text,
  merged_into_id int references service_tickets (id) on delete set null,
  first_response_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  reopened_count int not null default 0,
  satisfaction int check (satisfaction between 1 and 5),
  satisfaction_comment text,
  -- Due times as last computed (working time, pauses counted); null while the clock is paused.
  first_response_due timestamptz,
  resolution_due timestamptz,
  next_check_at timestamptz,
  escalations int not null default 0,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index service_tickets_enterprise on service_tickets (enterprise_id);
create index service_tickets_team on service_tickets (team_organisation_id, status);
create index service_tickets_check on service_tickets (next_check_at) where status in ('open', 'waiting_enterprise');

-- The clock stops while the ticket waits on the enterprise (ended_at null: still waiting).
create table service_ticket_pauses (
  id int generated always as identity primary key,
  ticket_id int not null references service_tickets (id) on delete cascade,
  started_at timestamptz not null,
  ended_at timestamptz,
  check (ended_at is null or ended_at >= started_at)
);
create index service_ticket_pauses_ticket on service_ticket_pauses (ticket_id);

-- Replies reach the enterprise; notes stay inside the service side; events record what happened.
create table service_ticket_messages (
  id int generated always as identity primary key,
  ticket_id int not null references service_tickets (id) on delete cascade,
  kind text not null check (kind in ('reply', 'note', 'event')),
  author_user_id int references users (id) on delete set null,
  author_name text not null default '',
  from_enterprise boolean not null default false,
  body text not null,
  attachments jsonb not null default '[]',     -- [{"name":…,"url":…}] links, not files
  created_at timestamptz not null default now()
);
create index service_ticket_messages_ticket on service_ticket_messages (ticket_id, id);

create table service_escalations (
  id int generated always as identity primary key,
  ticket_id int not null references service_tickets (id) on delete cascade,
  target text not null check (target in ('first_response', 'resolution')),
  from_level text not null,
  to_level text not null,
  to_organisation_id int references organisations (id) on delete set null,
  due_at timestamptz,
  escalated_at timestamptz not null,
  unique (ticket_id, target)
);

create table service_policies (
  id int generated always as identity primary key,
  code text not null unique,
  title text not null,
  title_en text,
  issuer text not null,
  document_no text,                            -- 文号
  document_url text,
  valid_from date,
  valid_until date,
  auto_grant boolean not null default false,   -- 免申即享: granted without an application
  summary text not null default '',
  current_version int not null default 1,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (valid_until is null or valid_from is null or valid_until >= valid_from)
);

-- Each version of a policy's clauses: [{id, field, op, value, label, citation}]; a firm qualifies when all hold.
create table service_policy_versions (
  policy_id int not null references service_policies (id) on delete cascade,
  version_no int not null,
  conditions jsonb not null,
  note text not null default '',
  created_by int references users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (policy_id, version_no)
);

-- This module's inbox: no platform inbox exists yet, so pushes to firms are kept here.
create table service_notices (
  id int generated always as identity primary key,
  enterprise_id int not null references enterprises (id) on delete cascade,
  kind text not null check (kind in ('policy', 'ticket', 'visit')),
  policy_id int references service_policies (id) on delete cascade,
  policy_version int,
  ticket_id int references service_tickets (id) on delete cascade,
  title text not null,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index service_notices_policy on service_notices (enterprise_id, policy_id, policy_version) where kind = 'policy';
create index service_notices_enterprise on service_notices (enterprise_id, id);
