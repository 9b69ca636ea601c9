-- A firm's evaluation letter rendered to PDF on the server by the job 'evaluation.letter' (issue 14);
-- downloadable by the user who asked for it only, like the cockpit's reports.
create table evaluation_letters (
  id int generated always as identity primary key,
  run_id int not null references evaluation_runs (id) on delete cascade,
  enterprise_id int not null references enterprises (id) on delete cascade,
  owner_user_id int references users (id) on delete cascade,
  lang text not null,
  as_of date not null,
  filename text not null,
  bytes int not null,
  file bytea not null,
  created_at timestamptz not null default now()
);
create index evaluation_letters_owner on evaluation_letters (owner_user_id, created_at desc);
