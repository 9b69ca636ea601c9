-- Where a matchmaking conference takes place (issue 11 item 12): the venue of the conference and
-- where its tables stand — areas or rooms by table-number range, e.g. tables 1–7 in 3F 多功能厅 A
-- — so printed agendas and the Excel plan tell a participant where to go, not only when.
alter table conference_settings add column venue text;
-- [{from, to, location}], table numbers inclusive; ranges never overlap (checked by the API).
alter table conference_settings add column table_areas jsonb not null default '[]';
