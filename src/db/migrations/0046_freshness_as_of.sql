-- The freshness list's page (cockpit/freshness.ts stalePage) reads each kind's stale facts oldest first —
-- undated first, then by record — and stops at the page: these let it walk units, occupancies and firms
-- in that order instead of reading every fact of the scope (25 s for the city at 1 M firms).
create index units_as_of on units (as_of nulls first, id);
create index occupancies_as_of on occupancies (as_of nulls first, id);
create index enterprises_as_of on enterprises (as_of nulls first, id);
