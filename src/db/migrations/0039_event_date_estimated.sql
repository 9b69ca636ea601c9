-- An event's dates inferred from its source rather than stated in it (e.g. "一个星期前" in an article
-- whose own date is itself inferred): shown as approximate, never as a reported date.
alter table events add column date_estimated boolean not null default false;
