-- Files attached to service tickets' messages (issue 15: attachments on tickets and replies), kept in the
-- database as project documents' files are (0009), so the embedded and the server set-ups back up alike.
-- A file belongs to the message it came with: it moves with the message when tickets merge, and an internal
-- note's files stay with the service side as the note does.
create table service_ticket_files (
  id int generated always as identity primary key,
  message_id int not null references service_ticket_messages (id) on delete cascade,
  file_name text not null,
  content_type text not null,
  size_bytes int not null check (size_bytes >= 0),
  sha256 text not null,
  content bytea not null,
  created_at timestamptz not null default now()
);
create index service_ticket_files_message on service_ticket_files (message_id);
