-- Background jobs (0011): pg-boss (schema pgboss, its own migrations) holds the queue, the claims, retries and
-- heartbeats; this table holds what ParkLink shows about a job: who started it, its progress, its result
-- or refusal, and a cancel request that the process running it polls. Kept past pg-boss's retention.
create table jobs (
  id uuid primary key,
  kind text not null,
  owner_user_id integer references users(id) on delete set null,
  label text not null default '',
  progress jsonb,
  result jsonb,
  error jsonb,
  cancel_requested boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index jobs_owner_created on jobs (owner_user_id, created_at desc);
