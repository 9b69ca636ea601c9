-- Files attached to a project's documents (issue 6 item 1: a signed agreement, a site plan, a
-- proposal), kept in the database so the embedded and the server set-ups back up the same way.
-- One file per document; the bytes live apart from project_documents so listing a project's
-- documents never reads them.

create table project_document_files (
  document_id int primary key references project_documents (id) on delete cascade,
  file_name text not null,
  content_type text not null,
  size_bytes int not null check (size_bytes >= 0),
  sha256 text not null,
  content bytea not null
);
