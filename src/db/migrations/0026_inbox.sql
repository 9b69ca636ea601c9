-- The platform inbox (issues 12 and 15): in-app notifications, one row per recipient. A notification
-- stores its kind and parameters (ids and names, never confidential figures or contacts) and the web
-- renders its text from the kind's i18n templates. Written by platform/inbox notify() inside the
-- producer's own transaction, so a refused change leaves no notification.
create table inbox_notifications (
  id int generated always as identity primary key,
  user_id int not null references users (id) on delete cascade,
  kind text not null check (kind ~ '^[a-z]+\.[a-z_]+$'),
  params jsonb not null default '{}' check (jsonb_typeof(params) = 'object'),
  link text check (link is null or link ~ '^/[a-z]'),
  -- a producer's once-only key (e.g. 'services.policy:12:3'): a second notification with it is not sent
  dedupe text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
-- a user's list, newest first, and its unread part (the bell's count)
create index inbox_notifications_user on inbox_notifications (user_id, id desc);
create index inbox_notifications_unread on inbox_notifications (user_id, id desc) where read_at is null;
create unique index inbox_notifications_once on inbox_notifications (user_id, dedupe) where dedupe is not null;
