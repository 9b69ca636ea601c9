-- ParkLink registry (DESIGN.md M1). Units are in column names: _m2 square metres, _mu 亩,
-- _kn_m2 kN/m², _wan 万元 (10k CNY, numeric), _tce tonnes of standard coal.
-- Every fact row carries source_id, as_of and synthetic; version counts updates (stale writes get 409).
create extension if not exists pg_trgm;

create table sources (
  id text primary key,
  title text not null,
  publisher text,
  url text,
  published_on date,
  note text
);

create table regions (
  code char(6) primary key,            -- GB/T 2260
  name text not null,
  level text not null check (level in ('province', 'city', 'district')),
  parent_code char(6) references regions (code)
);
create index regions_parent on regions (parent_code);

create table industry_classes (
  code text primary key,               -- GB/T 4754-2017: A, 01, 011, 0111
  level text not null check (level in ('section', 'division', 'group', 'class')),
  name text not null,
  parent_code text references industry_classes (code),
  note text
);
create index industry_classes_parent on industry_classes (parent_code);

create table tiers (
  code text primary key,
  name_zh text not null,
  name_en text not null,
  rank int not null,
  issuer text,
  note text
);

create table parks (
  id int generated always as identity primary key,
  code text not null unique,
  name text not null,
  name_en text,
  kind text not null,
  level text not null,
  parent_id int references parks (id) on delete restrict,
  region_code char(6) not null references regions (code),
  leading_industries text[] not null default '{}',
  planned_area_km2 double precision,
  built_area_m2 double precision,
  land_mu double precision,
  lat double precision,
  lng double precision,
  location_approximate boolean not null default true,
  operator text,
  status text not null default 'operating',
  tags text[] not null default '{}',
  description text,
  source_id text not null references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index parks_parent on parks (parent_id);
create index parks_region on parks (region_code);
create index parks_name_trgm on parks using gin (name gin_trgm_ops);

create table buildings (
  id int generated always as identity primary key,
  park_id int not null references parks (id) on delete restrict,
  code text not null,
  name text not null,
  name_en text,
  type text not null,
  floors_above int not null,
  floors_below int not null default 0,
  gross_floor_area_m2 double precision,
  leading_industry text,
  freight_elevators int,
  freight_elevator_capacity_t double precision,
  completion_year int,
  lat double precision,
  lng double precision,
  description text,
  source_id text not null references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (park_id, code)
);

create table floors (
  id int generated always as identity primary key,
  building_id int not null references buildings (id) on delete cascade,
  floor_no int not null check (floor_no <> 0),
  area_m2 double precision,
  floor_load_kn_m2 double precision,
  clear_height_m double precision,
  power_kva double precision,
  features text[] not null default '{}',
  source_id text not null references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (building_id, floor_no)
);

create table units (
  id int generated always as identity primary key,
  floor_id int not null references floors (id) on delete cascade,
  code text not null,
  area_m2 double precision,
  status text not null default 'vacant',
  source_id text not null references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (floor_id, code)
);

create table enterprises (
  id int generated always as identity primary key,
  credit_code char(18) unique,          -- 统一社会信用代码
  credit_code_valid boolean,            -- check character result; null when no code
  credit_code_confirmed boolean not null default false,
  name text not null,
  name_en text,
  aliases text[] not null default '{}',
  industry_class_code text references industry_classes (code),
  founded_on date,
  scale text,
  lifecycle_stage text,
  is_chain_leader boolean not null default false,
  chain_code text,
  chain_stage text,
  products text[] not null default '{}',
  region_code char(6) references regions (code),
  honours jsonb not null default '[]',
  description text,
  source_id text not null references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index enterprises_name_trgm on enterprises using gin (name gin_trgm_ops);
create index enterprises_class on enterprises (industry_class_code);
create index enterprises_region on enterprises (region_code);
create index enterprises_chain on enterprises (chain_code);

create table enterprise_metrics (
  id int generated always as identity primary key,
  enterprise_id int not null references enterprises (id) on delete cascade,
  year int not null,
  revenue_wan numeric(18, 2),
  output_wan numeric(18, 2),
  value_added_wan numeric(18, 2),
  tax_wan numeric(18, 2),
  rnd_wan numeric(18, 2),
  rnd_staff int,
  employees int,
  energy_tce double precision,
  emissions_t double precision,
  land_mu double precision,
  exports_wan numeric(18, 2),
  patents_invention int,
  patents_utility int,
  patents_design int,
  software_copyrights int,
  source_id text not null references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (enterprise_id, year)
);

create table occupancies (
  id int generated always as identity primary key,
  enterprise_id int not null references enterprises (id) on delete cascade,
  unit_id int not null references units (id) on delete cascade,
  started_on date,
  ended_on date,
  area_m2 double precision,
  source_id text not null references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ended_on is null or started_on is null or ended_on >= started_on)
);
create index occupancies_enterprise on occupancies (enterprise_id);
create index occupancies_unit on occupancies (unit_id);

create table institutions (
  id int generated always as identity primary key,
  name text not null,
  name_en text,
  kind text not null,
  park_id int references parks (id) on delete set null,
  building_id int references buildings (id) on delete set null,
  region_code char(6) references regions (code),
  description text,
  source_id text not null references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table supply_links (
  id int generated always as identity primary key,
  supplier_id int not null references enterprises (id) on delete cascade,
  customer_id int not null references enterprises (id) on delete cascade,
  product text not null,
  annual_amount_wan numeric(18, 2),
  year int,
  source_id text not null references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (supplier_id <> customer_id)
);
create index supply_links_supplier on supply_links (supplier_id);
create index supply_links_customer on supply_links (customer_id);

create table events (
  id int generated always as identity primary key,
  name text not null,
  kind text not null,
  city text,
  started_on date,
  ended_on date,
  signings int,
  intentions int,
  participants int,
  description text,
  source_id text not null references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table key_figures (
  id int generated always as identity primary key,
  subject_type text not null,
  subject_id int,
  label text not null,
  label_en text,
  value double precision not null,
  unit text not null,
  is_target boolean not null default false,
  source_id text not null references sources (id),
  as_of date,
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index key_figures_subject on key_figures (subject_type, subject_id);
