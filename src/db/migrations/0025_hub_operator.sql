-- Logistics hub operators (issue 16): an organisation kind for the company that runs a hub and a
-- role for its staff. A hub belongs to its operating organisation: that organisation's hub_operator
-- users read and plan the hub's orders and departures (and nothing confidential of the registry).
alter table organisations drop constraint organisations_kind_check;
alter table organisations add constraint organisations_kind_check
  check (kind in ('city_bureau', 'district', 'park_operator', 'enterprise', 'investment_agency', 'logistics_hub'));

alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('city_admin', 'city_analyst', 'district_user', 'park_operator', 'investment_officer',
                  'enterprise_user', 'hub_operator', 'viewer'));

alter table consolidation_hubs add column organisation_id int references organisations (id) on delete set null;
create index consolidation_hubs_organisation on consolidation_hubs (organisation_id);

-- Departures can be cancelled (kept for the record and the audit trail; planning skips them).
alter table consolidation_departures add column status text not null default 'scheduled'
  check (status in ('scheduled', 'cancelled'));
