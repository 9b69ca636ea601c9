-- Supply–demand docking (供需对接, DESIGN.md M4, issue 12): postings of supply and demand, explained
-- matches between them (or between a demand and a local firm that could supply it), each side's
-- decision, contacts exchanged after both sides opt in, and deals that create or update a supplier
-- link in supply_links (0001), so the chain atlas's local supporting rate moves.

create table docking_postings (
  id int generated always as identity primary key,
  kind text not null check (kind in ('supply', 'demand')),
  category text not null check (category in ('product', 'processing', 'service', 'technology')),
  enterprise_id int not null references enterprises (id) on delete cascade,
  title text not null,                        -- the product or service, as the poster wrote it
  spec text,                                  -- specification, processes, requirements
  node_id text,                               -- chain node confirmed by the poster (0005 template node id)
  quantity numeric(18, 2) check (quantity is null or quantity > 0),  -- capacity (supply) or need (demand)
  unit text,
  price_wan numeric(18, 2),                   -- price or budget, 万元 (confidential)
  delivery_region char(6) references regions (code),
  valid_until date not null,
  visibility text not null check (visibility in ('public', 'city', 'park')),
  contact_name text,                          -- withheld until both sides accept (docking_contacts)
  contact_phone text,
  status text not null default 'open' check (status in ('suggested', 'open', 'closed')),
  -- 替代外地供应: a demand suggested from a leader's supplier link to a firm outside the city
  origin text not null default 'manual' check (origin in ('manual', 'leader_link')),
  origin_link_id int references supply_links (id) on delete set null,
  terms text[] not null default '{}',         -- canonical terms of title + spec (domain/docking/text.ts)
  posted_by int references users (id) on delete set null,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (quantity is null or unit is not null)
);
create index docking_postings_open on docking_postings (kind, valid_until) where status = 'open';
create index docking_postings_enterprise on docking_postings (enterprise_id);
create index docking_postings_node on docking_postings (node_id);
create index docking_postings_terms on docking_postings using gin (terms);
create unique index docking_postings_origin_link on docking_postings (origin_link_id) where origin_link_id is not null;

-- One suggested pair: a demand posting with a supply posting, or a demand posting with a local firm
-- (supply_id null: a firm of a feeding node that has not posted). Re-matching keeps decisions.
create table docking_matches (
  id int generated always as identity primary key,
  demand_id int not null references docking_postings (id) on delete cascade,
  supply_id int references docking_postings (id) on delete cascade,
  customer_id int not null references enterprises (id) on delete cascade,
  supplier_id int not null references enterprises (id) on delete cascade,
  score double precision not null,
  tier text not null check (tier in ('building', 'park', 'district', 'city', 'outside')),
  evidence jsonb not null default '{}',
  customer_decision text check (customer_decision in ('interested', 'not_relevant')),
  supplier_decision text check (supplier_decision in ('interested', 'not_relevant')),
  customer_decided_at timestamptz,
  supplier_decided_at timestamptz,
  synthetic boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (customer_id <> supplier_id)
);
create unique index docking_matches_pair on docking_matches (demand_id, supplier_id, coalesce(supply_id, 0));
create index docking_matches_supply on docking_matches (supply_id);
create index docking_matches_customer on docking_matches (customer_id);
create index docking_matches_supplier on docking_matches (supplier_id);

-- Double opt-in: the row exists once both sides said "interested"; contacts are shown from then on.
create table docking_contacts (
  match_id int primary key references docking_matches (id) on delete cascade,
  opened_at timestamptz not null default now()
);

create table docking_deals (
  id int generated always as identity primary key,
  match_id int not null references docking_matches (id) on delete cascade,
  product text not null,
  amount_wan numeric(18, 2) not null check (amount_wan >= 0),   -- annual amount, 万元 (confidential)
  signed_on date not null,
  term_months int not null check (term_months > 0 and term_months <= 600),
  supply_link_id int references supply_links (id) on delete set null,
  link_created boolean not null default false,  -- the deal created the link (else it updated one)
  previous_amount_wan numeric(18, 2),           -- the link's annual amount before the deal
  created_by int references users (id) on delete set null,
  synthetic boolean not null default false,
  created_at timestamptz not null default now()
);
create index docking_deals_match on docking_deals (match_id);
create index docking_deals_signed on docking_deals (signed_on);
