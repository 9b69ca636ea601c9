-- One-to-one meetings at matchmaking conferences (issue 6 item 4). A conference is an `events` row;
-- its matchmaking settings, participants, meeting requests and scheduler runs hang off it and go
-- with it (on delete cascade), so clearing the registry clears them too.

create table conference_settings (
  event_id int primary key references events (id) on delete cascade,
  -- [{key, date, start, end, breaks: [{start, end}]}], times 'HH:MM'; slots are cut from these.
  sessions jsonb not null default '[]',
  slot_minutes int not null default 20 check (slot_minutes between 15 and 60),
  table_mode text not null default 'pooled' check (table_mode in ('pooled', 'fixed')),
  table_count int not null default 10 check (table_count between 1 and 2000),
  table_capacity int not null default 1 check (table_capacity between 1 and 20),
  max_meetings_per_participant int check (max_meetings_per_participant > 0),
  max_meetings_per_session int check (max_meetings_per_session > 0),
  request_expiry_hours int not null default 72 check (request_expiry_hours between 1 and 2160),
  -- Users (besides city administrators and investment officers) who organise this conference.
  organiser_user_ids int[] not null default '{}',
  published_at timestamptz,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table conference_participants (
  id int generated always as identity primary key,
  event_id int not null references events (id) on delete cascade,
  organisation text not null,
  enterprise_id int references enterprises (id) on delete set null,
  person text not null,
  title text,
  contact text,
  role text not null check (role in ('buyer', 'seller', 'investor', 'park')),
  -- null = available the whole event; else time windows [{session, start, end}] ('HH:MM'), so a
  -- change of slot length re-cuts the same hours instead of breaking the calendar.
  availability jsonb,
  table_no int check (table_no > 0),
  max_meetings int check (max_meetings > 0),
  max_per_session int check (max_per_session > 0),
  checkin_code text not null unique,
  checked_in_at timestamptz,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index conference_participants_event on conference_participants (event_id);
create index conference_participants_enterprise on conference_participants (enterprise_id);

-- A request is also the meeting once accepted: its slot and table, lock and published place.
create table conference_requests (
  id int generated always as identity primary key,
  event_id int not null references events (id) on delete cascade,
  from_id int not null references conference_participants (id) on delete cascade,
  to_id int not null references conference_participants (id) on delete cascade,
  message text,
  priority int not null default 2 check (priority between 1 and 3), -- 3 must meet, 2 meet, 1 nice to meet
  status text not null default 'pending'
    check (status in ('pending', 'accepted', 'declined', 'expired', 'cancelled')),
  expires_at timestamptz,
  responded_at timestamptz,
  slot_id text,
  table_id text,
  locked boolean not null default false,
  published_slot_id text,
  published_table_id text,
  unscheduled_reason text,
  synthetic boolean not null default false,
  created_by text,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (from_id <> to_id),
  check (not locked or slot_id is not null)
);
create index conference_requests_event on conference_requests (event_id, status);
-- One open request per pair, whoever asked.
create unique index conference_requests_open_pair on conference_requests
  (event_id, least(from_id, to_id), greatest(from_id, to_id)) where status in ('pending', 'accepted');

create table conference_runs (
  id int generated always as identity primary key,
  event_id int not null references events (id) on delete cascade,
  options jsonb not null default '{}',
  method text not null,
  scheduled int not null,
  requested int not null,
  weighted double precision not null,
  upper_bound double precision not null,
  gap double precision not null,
  optimal boolean not null,
  idle_gaps int not null,
  moved int not null,
  time_ms int not null,
  unscheduled jsonb not null default '[]',
  run_by text,
  created_at timestamptz not null default now()
);
create index conference_runs_event on conference_runs (event_id, created_at desc);
