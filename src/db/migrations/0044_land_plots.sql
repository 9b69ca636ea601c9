-- Plots (地块) of parks, for park renewal (0044): the renewal classes 改园换企 / 留园换企 / 留园留企 apply to a
-- plot as to a park, by the same rules, from the firms, units and buildings on it. A plot belongs to one park,
-- has an outline (a closed ring of [lng, lat] pairs, WGS-84) or only a point, an area in mu, a land use and
-- the firm holding its land-use right (or a named owner outside the registry). A building stands on at most
-- one plot (land_plot_buildings). Land is in mu, as everywhere (CONVENTIONS.md).
create table land_plots (
  id int generated always as identity primary key,
  park_id int not null references parks (id) on delete cascade,
  code text not null,                        -- the land registry's parcel number (宗地号) or the park's own
  name text not null,
  name_en text,
  area_mu double precision not null check (area_mu > 0 and area_mu < 100000),
  land_use text not null check (land_use in ('industrial', 'rd', 'warehouse', 'commercial', 'mixed', 'other')),
  owner_enterprise_id int references enterprises (id) on delete set null,
  owner_name text,                           -- when the holder is not a registered firm (a park platform company …)
  outline jsonb,                             -- [[lng, lat], …] closed ring; null when only a point is known
  lat double precision,
  lng double precision,
  location_approximate boolean not null default true,
  source_id text not null references sources (id),
  synthetic boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (park_id, code)
);
create index land_plots_park on land_plots (park_id);
create index land_plots_owner on land_plots (owner_enterprise_id);

create table land_plot_buildings (
  building_id int primary key references buildings (id) on delete cascade,
  plot_id int not null references land_plots (id) on delete cascade
);
create index land_plot_buildings_plot on land_plot_buildings (plot_id);

-- Each run of the evaluation.remind job (as of its day): lapse notices cover lapses since the previous run,
-- so a first run does not announce a year of old lapses as news (honours.ts).
create table honour_remind_runs (
  id int generated always as identity primary key,
  on_date date not null,
  lapses_since date not null,
  reminded int not null default 0,
  lapsed int not null default 0,
  job_id uuid,
  created_at timestamptz not null default now()
);
create index honour_remind_runs_on on honour_remind_runs (on_date desc);
