-- Space for 工业上楼 (DESIGN.md M5, issue 13): what the registry's units (0001) do not hold —
-- availability, asking rent and subsidies, unit and building specifications, lease terms of
-- occupancies, the 工业上楼 rules as versioned data, programme targets, and floor plans.
-- The registry's own tables are not altered: each table here hangs off one of them by id.

-- A unit on the market: when it is free, for how much, with which subsidy (one row per unit).
create table space_listings (
  unit_id int primary key references units (id) on delete cascade,
  available_from date,                          -- null: available now
  available_until date,                         -- null: open-ended
  asking_rent_yuan_m2_month numeric(12, 2),     -- 元/m²/月 (confidential: operators and the city)
  subsidy_note text,                            -- e.g. 租金补贴 10%/20%/30% by output per m²
  subsidy_pct numeric(5, 2),                    -- share of rent subsidised, %
  source_id text not null default 'user' references sources (id),
  synthetic boolean not null default false,
  version int not null default 1,
  updated_at timestamptz not null default now(),
  check (available_until is null or available_from is null or available_until >= available_from),
  check (asking_rent_yuan_m2_month is null or asking_rent_yuan_m2_month >= 0),
  check (subsidy_pct is null or (subsidy_pct >= 0 and subsidy_pct <= 100))
);

-- What a unit offers where it differs from its floor (0001 floors: load, clear height, power, features).
create table space_unit_specs (
  unit_id int primary key references units (id) on delete cascade,
  seq int not null,                             -- position along the floor; units with consecutive seq are adjacent
  floor_load_kn_m2 double precision,            -- null: the floor's
  clear_height_m double precision,              -- null: the floor's
  power_kva double precision,                   -- null: the floor's share
  exhaust boolean,                              -- null: from the floor's features
  water_drainage boolean,
  clean_room_iso int check (clean_room_iso between 1 and 9),   -- ISO 14644-1 class, lower is cleaner
  vibration_um_s double precision,              -- floor vibration velocity, µm/s (VC curves)
  hazardous_allowed boolean not null default false,
  source_id text not null default 'user' references sources (id),
  synthetic boolean not null default false,
  updated_at timestamptz not null default now()
);
create index space_unit_specs_seq on space_unit_specs (seq);

-- Freight elevator cars and the programme flag of a building (0001 buildings holds count and tonnage).
create table space_building_specs (
  building_id int primary key references buildings (id) on delete cascade,
  upstairs boolean not null default false,      -- counted by the 工业上楼 programme
  completed_on date,
  freight_elevator_t double precision,          -- null: the building's freight_elevator_capacity_t
  elevator_car_width_m double precision,
  elevator_car_depth_m double precision,
  elevator_door_height_m double precision,
  truck_access_floors int[] not null default '{1}',
  source_id text not null default 'user' references sources (id),
  synthetic boolean not null default false,
  updated_at timestamptz not null default now()
);

-- Lease terms of an occupancy: when the lease ends and its rent (confidential).
create table space_leases (
  occupancy_id int primary key references occupancies (id) on delete cascade,
  lease_ends_on date,
  rent_yuan_m2_month numeric(12, 2),
  source_id text not null default 'user' references sources (id),
  synthetic boolean not null default false,
  updated_at timestamptz not null default now()
);
create index space_leases_end on space_leases (lease_ends_on);

-- 工业上楼 rules: which process may go to which floor. Versioned like chain templates (0005):
-- a save adds a version, the highest is current.
create table space_rule_sets (
  version int primary key,
  rules jsonb not null,                         -- TUpstairsRule[] (src/contracts/space.ts)
  note text,
  created_by text,
  created_at timestamptz not null default now()
);

-- Programme targets: metric, scope, period, value and the document that sets them.
create table space_targets (
  id int generated always as identity primary key,
  code text not null unique,
  metric text not null check (metric in ('upstairs_area_m2', 'new_output_wan', 'new_above_scale_firms',
                                         'factory_volume_m3', 'parks_built')),
  scope_kind text not null check (scope_kind in ('city', 'district', 'zone', 'park')),
  scope_code text,                              -- region code or park code; null for the city
  period_start date not null,
  period_end date not null,
  value numeric(18, 2) not null check (value > 0),
  label text not null,
  label_en text,
  source_id text not null references sources (id),
  source_note text,                             -- how the document states it (e.g. the article's unit)
  synthetic boolean not null default false,
  created_at timestamptz not null default now(),
  check (period_end >= period_start)
);

-- Floor plans: tenants placed on a building's floors by the planner, accepted into occupancies.
create table space_floor_plans (
  id int generated always as identity primary key,
  building_id int not null references buildings (id) on delete cascade,
  status text not null default 'draft' check (status in ('draft', 'accepted')),
  tenants jsonb not null,                       -- TPlanTenant[]
  placements jsonb not null,                    -- TPlacement[]
  method text not null,                         -- 'mip' | 'greedy' | 'manual'
  objective double precision,
  bound double precision,
  gap double precision,
  created_by text,
  created_at timestamptz not null default now(),
  accepted_at timestamptz
);
create index space_floor_plans_building on space_floor_plans (building_id);

-- Units shortlisted for an investment project's space need (the project holds area, load and land).
create table space_shortlists (
  project_id int not null references projects (id) on delete cascade,
  unit_id int not null references units (id) on delete cascade,
  note text,
  created_by text,
  created_at timestamptz not null default now(),
  primary key (project_id, unit_id)
);
