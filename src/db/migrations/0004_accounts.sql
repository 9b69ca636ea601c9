-- Accounts, organisations, scopes, sessions, API tokens and the audit trail (DESIGN.md M10).
create table organisations (
  id int generated always as identity primary key,
  name text not null unique,
  kind text not null check (kind in ('city_bureau', 'district', 'park_operator', 'enterprise', 'investment_agency')),
  region_codes text[] not null default '{}',  -- a district's GB/T 2260 codes
  enterprise_id int references enterprises (id) on delete set null,
  created_at timestamptz not null default now(),
  version int not null default 1,
  updated_at timestamptz not null default now()
);

-- The parks an organisation is responsible for (a zone committee, a park operator); sub-parks included.
create table organisation_parks (
  organisation_id int not null references organisations (id) on delete cascade,
  park_id int not null references parks (id) on delete cascade,
  primary key (organisation_id, park_id)
);

create table users (
  id int generated always as identity primary key,
  organisation_id int not null references organisations (id) on delete restrict,
  username text not null unique,
  display_name text not null,
  role text not null check (role in ('city_admin', 'city_analyst', 'district_user', 'park_operator',
                                     'investment_officer', 'enterprise_user', 'viewer')),
  password_hash text not null,                 -- argon2id, PHC string
  must_change_password boolean not null default false,
  failed_sign_ins int not null default 0,
  locked_until timestamptz,
  disabled boolean not null default false,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  version int not null default 1,
  updated_at timestamptz not null default now()
);

create table sessions (
  id text primary key,                         -- sha-256 of the cookie token
  user_id int not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);

create table api_tokens (
  id int generated always as identity primary key,
  user_id int not null references users (id) on delete cascade,
  name text not null,
  token_hash text not null unique,             -- sha-256 of the token; the token is shown once
  prefix text not null,                        -- first characters, to recognise it in lists
  read_only boolean not null default true,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);

-- Who changed what, from where; sign-ins and failed sign-ins too. Append-only.
alter table change_log add column actor_user_id int, add column ip text;
create index change_log_at on change_log (at desc);

create table auth_events (
  id bigint generated always as identity primary key,
  user_id int,
  username text,
  event text not null check (event in ('sign_in', 'sign_in_failed', 'sign_out', 'sign_out_everywhere',
                                        'locked', 'password_changed', 'password_reset', 'token_created', 'token_revoked')),
  ip text,
  user_agent text,
  at timestamptz not null default now()
);
create index auth_events_at on auth_events (at desc);

-- change_log and auth_events are append-only: updates and deletes are refused by the database.
create function refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'append-only table %', tg_table_name;
end $$;
create trigger change_log_append_only before update or delete on change_log for each row execute function refuse_change();
create trigger auth_events_append_only before update or delete on auth_events for each row execute function refuse_change();
