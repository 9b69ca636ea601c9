-- The sign-in throttle (modules/auth/throttle.ts) reads failures per (user name, address) from
-- auth_events; this index keeps that read small however many other sign-ins the day holds.
create index auth_events_sign_in on auth_events (username, ip, at desc)
  where event in ('sign_in', 'sign_in_failed', 'password_reset');
