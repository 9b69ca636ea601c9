-- Update requests keep their state in the row, so the sender's and the owner's lists can show and filter it:
--   open       facts still unanswered (reminded and escalated when overdue)
--   answered   the owner answered every fact (no reminders; the sender may close it)
--   closed     the sender closed it: it got what it needed
--   withdrawn  the sender withdrew it (POST …/close { as: 'cancelled' })
alter table cockpit_update_requests drop constraint if exists cockpit_update_requests_status_check;
alter table cockpit_update_requests
  add constraint cockpit_update_requests_status_check check (status in ('open', 'answered', 'closed', 'withdrawn'));

-- Requests withdrawn before this migration were stored as closed; their audit row says how.
update cockpit_update_requests r set status = 'withdrawn'
 where r.status = 'closed'
   and exists (select 1 from change_log l
                where l.entity = 'cockpit_update_requests' and l.entity_id = r.id::text
                  and l.new_values ->> 'closedAs' = 'cancelled');
