-- Honours that lapsed (their validity ended without a renewal), told once: written by the evaluation.remind
-- job with the inbox notifications of the lapse, on one transaction. The unique key holds it to one per
-- firm, honour and expiry date under re-runs and two workers at once; a renewed honour that lapses later
-- has another expiry date and is told again.
create table honour_lapses (
  id int generated always as identity primary key,
  enterprise_id int not null references enterprises (id) on delete cascade,
  tier_code text not null,
  valid_until date not null,
  created_at timestamptz not null default now(),
  job_id uuid,
  unique (enterprise_id, tier_code, valid_until)
);
