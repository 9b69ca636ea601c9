-- Site search (issue 13): the effective hard-rule values of every unit in one narrow table, kept
-- current by statement triggers on every table they come from, so that a search reads one table
-- instead of joining units, floors, buildings, parks, specs and listings for every vacant unit.
-- The values are those of space/repository.ts UNIT_SELECT (a unit's spec where set, else its floor's).

create table space_unit_search (
  unit_id int primary key,
  status text not null,
  area_m2 double precision,
  floor_no int not null,
  park_id int not null,
  region_code text,
  floor_load_kn_m2 double precision,
  clear_height_m double precision,
  power_kva double precision,
  exhaust boolean,
  water_drainage boolean,
  clean_room_iso int,
  vibration_um_s double precision,
  hazardous_allowed boolean,
  elevator_t double precision,
  elevator_car_width_m double precision,
  elevator_car_depth_m double precision,
  truck_access boolean,
  available_from text,
  available_until text,
  asking_rent_yuan_m2_month double precision
);
create index space_unit_search_vacant on space_unit_search (park_id) where status = 'vacant';

create function space_unit_search_refresh(ids int[]) returns void language plpgsql as $$
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  delete from space_unit_search where unit_id = any(ids);
  insert into space_unit_search
  select u.id, u.status, u.area_m2, f.floor_no, b.park_id, p.region_code,
    coalesce(s.floor_load_kn_m2, f.floor_load_kn_m2),
    coalesce(s.clear_height_m, f.clear_height_m),
    coalesce(s.power_kva, f.power_kva),
    coalesce(s.exhaust, 'exhaust' = any(f.features)),
    coalesce(s.water_drainage, 'water_drainage' = any(f.features)),
    coalesce(s.clean_room_iso, case when 'clean_room' = any(f.features) then 8 end),
    s.vibration_um_s, coalesce(s.hazardous_allowed, false),
    coalesce(bs.freight_elevator_t, b.freight_elevator_capacity_t), bs.elevator_car_width_m, bs.elevator_car_depth_m,
    (f.floor_no = any(coalesce(bs.truck_access_floors, '{1}')) or 'truck_access' = any(f.features)),
    l.available_from::text, l.available_until::text, l.asking_rent_yuan_m2_month::float8
  from units u
  join floors f on f.id = u.floor_id
  join buildings b on b.id = f.building_id
  join parks p on p.id = b.park_id
  left join space_unit_specs s on s.unit_id = u.id
  left join space_building_specs bs on bs.building_id = b.id
  left join space_listings l on l.unit_id = u.id
  where u.id = any(ids);
end
$$;

-- One trigger function per source table; the unit ids come from the statement's transition tables.
create function space_unit_search_units() returns trigger language plpgsql as $$
begin
  if TG_OP in ('UPDATE', 'DELETE') then
    perform space_unit_search_refresh(array(select id from ot));
  end if;
  if TG_OP in ('INSERT', 'UPDATE') then
    perform space_unit_search_refresh(array(select id from nt));
  end if;
  return null;
end
$$;

create function space_unit_search_by_unit() returns trigger language plpgsql as $$
begin
  if TG_OP in ('UPDATE', 'DELETE') then
    perform space_unit_search_refresh(array(select unit_id from ot));
  end if;
  if TG_OP in ('INSERT', 'UPDATE') then
    perform space_unit_search_refresh(array(select unit_id from nt));
  end if;
  return null;
end
$$;

create function space_unit_search_floors() returns trigger language plpgsql as $$
begin
  perform space_unit_search_refresh(array(select u.id from units u where u.floor_id in (select id from nt)));
  return null;
end
$$;

create function space_unit_search_buildings() returns trigger language plpgsql as $$
begin
  perform space_unit_search_refresh(array(
    select u.id from units u join floors f on f.id = u.floor_id where f.building_id in (select id from nt)));
  return null;
end
$$;

create function space_unit_search_building_specs() returns trigger language plpgsql as $$
begin
  if TG_OP in ('UPDATE', 'DELETE') then
    perform space_unit_search_refresh(array(
      select u.id from units u join floors f on f.id = u.floor_id where f.building_id in (select building_id from ot)));
  end if;
  if TG_OP in ('INSERT', 'UPDATE') then
    perform space_unit_search_refresh(array(
      select u.id from units u join floors f on f.id = u.floor_id where f.building_id in (select building_id from nt)));
  end if;
  return null;
end
$$;

create function space_unit_search_parks() returns trigger language plpgsql as $$
begin
  perform space_unit_search_refresh(array(
    select u.id from units u join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id
     where b.park_id in (select id from nt)));
  return null;
end
$$;

create function space_unit_search_clear() returns trigger language plpgsql as $$
begin
  delete from space_unit_search where unit_id not in (select id from units);
  return null;
end
$$;

do $$
declare t text;
begin
  foreach t in array array['units', 'space_unit_specs', 'space_listings', 'space_building_specs'] loop
    execute format('create trigger %I after insert on %I referencing new table as nt for each statement execute function %I()',
                   t || '_search_i', t, case t when 'units' then 'space_unit_search_units'
                                               when 'space_building_specs' then 'space_unit_search_building_specs'
                                               else 'space_unit_search_by_unit' end);
    execute format('create trigger %I after update on %I referencing old table as ot new table as nt for each statement execute function %I()',
                   t || '_search_u', t, case t when 'units' then 'space_unit_search_units'
                                               when 'space_building_specs' then 'space_unit_search_building_specs'
                                               else 'space_unit_search_by_unit' end);
    execute format('create trigger %I after delete on %I referencing old table as ot for each statement execute function %I()',
                   t || '_search_d', t, case t when 'units' then 'space_unit_search_units'
                                               when 'space_building_specs' then 'space_unit_search_building_specs'
                                               else 'space_unit_search_by_unit' end);
  end loop;
end
$$;
create trigger floors_search_u after update on floors referencing new table as nt
  for each statement execute function space_unit_search_floors();
create trigger buildings_search_u after update on buildings referencing new table as nt
  for each statement execute function space_unit_search_buildings();
create trigger parks_search_u after update on parks referencing new table as nt
  for each statement execute function space_unit_search_parks();
create trigger units_search_t after truncate on units for each statement execute function space_unit_search_clear();

select space_unit_search_refresh(array(select id from units));
