-- Each firm's honours (enterprises.honours, a JSON array of grants) as rows, one per grant naming a tier,
-- for the cockpit's tier figures (evaluation.tiers, cockpit.little_giants): at 1 M firms unnesting every
-- firm's JSON per call did not finish. enterprises.honours stays the record; this table is derived from
-- it and kept by triggers on every write of it (insert, update of honours; a firm's deletion cascades),
-- so no write path has to know about it. valid_until is the grant's validUntil as written (text), cast
-- where it is read, exactly as the JSON was.
create table enterprise_honours (
  enterprise_id int not null references enterprises (id) on delete cascade,
  tier_code text not null,
  valid_until text
);
create index enterprise_honours_tier on enterprise_honours (tier_code, enterprise_id);
create index enterprise_honours_enterprise on enterprise_honours (enterprise_id);

create function enterprise_honours_sync() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    delete from enterprise_honours where enterprise_id = old.id;
  end if;
  if jsonb_typeof(new.honours) = 'array' then
    insert into enterprise_honours (enterprise_id, tier_code, valid_until)
    select new.id, h->>'tierCode', h->>'validUntil'
      from jsonb_array_elements(new.honours) h
     where h->>'tierCode' is not null;
  end if;
  return null;
end $$;

create trigger enterprise_honours_insert after insert on enterprises
  for each row when (new.honours <> '[]'::jsonb) execute function enterprise_honours_sync();
create trigger enterprise_honours_update after update of honours on enterprises
  for each row when (old.honours is distinct from new.honours) execute function enterprise_honours_sync();

-- The firms already recorded (loads with session_replication_role = replica skip triggers: they refill
-- the table with this same statement, see bench/cockpit.ts).
insert into enterprise_honours (enterprise_id, tier_code, valid_until)
select e.id, h->>'tierCode', h->>'validUntil'
  from enterprises e cross join lateral jsonb_array_elements(e.honours) h
 where e.honours <> '[]'::jsonb and jsonb_typeof(e.honours) = 'array' and h->>'tierCode' is not null;
