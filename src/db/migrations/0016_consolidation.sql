-- Rail consolidation (集拼) at a logistics hub (issue 16): hubs and their operators, tariffs,
-- departures, shippers' orders and stored plans. A hub's data is its own: its members (a module
-- membership table, since the kernel's roles have no hub operator) read and change it; a shipper
-- (an enterprise user) sees only its own orders. Money in fen, volumes in m³, weights in kg.

create table consolidation_hubs (
  id int generated always as identity primary key,
  name text not null unique,
  name_en text,
  park_id int references parks (id) on delete set null,
  -- the station trains leave from, e.g. 吴家山站
  station text not null,
  source text,                        -- where the hub's facts come from, as a reader would cite it
  synthetic boolean not null default false,
  created_at timestamptz not null default now()
);

-- Hub operators: users who run a hub (any role; city administrators see every hub anyway).
create table consolidation_hub_members (
  hub_id int not null references consolidation_hubs (id) on delete cascade,
  user_id int not null references users (id) on delete cascade,
  primary key (hub_id, user_id)
);
create index consolidation_hub_members_user on consolidation_hub_members (user_id);

create table consolidation_tariffs (
  id int generated always as identity primary key,
  hub_id int not null references consolidation_hubs (id) on delete cascade,
  route text not null,
  divisor_kg_per_m3 numeric not null check (divisor_kg_per_m3 > 0),
  min_chargeable_m3 numeric not null default 1 check (min_chargeable_m3 >= 0),
  synthetic boolean not null default false,
  version int not null default 1,
  unique (hub_id, route)
);

create table consolidation_departures (
  id int generated always as identity primary key,
  hub_id int not null references consolidation_hubs (id) on delete cascade,
  code text not null,
  route text not null,
  destinations text[] not null,
  depart_on date not null,
  cutoff_on date not null check (cutoff_on <= depart_on),
  -- [{type: '40HQ', count: 10, priceFen: 7200000}]
  containers jsonb not null,
  payload_cap_kg int check (payload_cap_kg > 0),
  usable_volume_factor numeric not null default 0.88 check (usable_volume_factor > 0 and usable_volume_factor <= 1),
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  unique (hub_id, code)
);

create table consolidation_orders (
  id int generated always as identity primary key,
  hub_id int not null references consolidation_hubs (id) on delete cascade,
  code text not null,
  shipper_enterprise_id int references enterprises (id) on delete set null,
  shipper_name text not null,
  goods text not null,
  hs_chapter text,
  cargo_class text not null,
  dg_class text,
  pieces int not null check (pieces > 0),
  volume_m3 numeric not null check (volume_m3 > 0),
  weight_kg numeric not null check (weight_kg > 0),
  piece_l_m numeric, piece_w_m numeric, piece_h_m numeric,
  stackable boolean not null default true,
  destination text not null,
  destination_country text not null,
  ready_on date not null,
  splittable boolean not null default false,
  declared_value_fen bigint check (declared_value_fen >= 0),
  -- booked: the shipper accepted the quote; locked: the plan keeps it where it is
  status text not null default 'open' check (status in ('open', 'booked', 'shipped', 'cancelled')),
  lock_departure_id int references consolidation_departures (id) on delete set null,
  lock_container text,
  lock_type text,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  unique (hub_id, code)
);
create index consolidation_orders_shipper on consolidation_orders (shipper_enterprise_id);

-- Each planning run: the plan as computed (containers, parts, unplaced with reasons), its bound and gap.
create table consolidation_plans (
  id int generated always as identity primary key,
  hub_id int not null references consolidation_hubs (id) on delete cascade,
  plan jsonb not null,
  containers int not null,
  lower_bound int not null,
  gap numeric not null,
  cost_fen bigint not null,
  waiting_days int not null,
  unplaced int not null,
  checker_problems int not null,
  created_by int references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index consolidation_plans_hub on consolidation_plans (hub_id, id desc);
