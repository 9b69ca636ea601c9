-- Docking events and chain-aware conferences (issue 12 item 5). A conference may be held for a chain
-- (产业链对接会): its organiser then gets suggested meeting requests that would fill the chain's gaps.
-- A meeting request remembers where it came from — a docking match between two participants, or a
-- gap node of the chain — so the event's results can say which gaps its meetings, signings and deals
-- addressed.
create table conference_chains (
  event_id int primary key references events (id) on delete cascade,
  chain_code text not null,                   -- a chain template code (0005), e.g. 'oe'
  set_by int references users (id) on delete set null,
  version int not null default 1,
  updated_at timestamptz not null default now()
);

alter table conference_requests
  add column docking_match_id int references docking_matches (id) on delete set null,
  add column gap_node_id text;                -- the chain node the meeting would fill (template node id)
create index conference_requests_docking_match on conference_requests (docking_match_id)
  where docking_match_id is not null;
