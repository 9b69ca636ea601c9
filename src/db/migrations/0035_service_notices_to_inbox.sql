-- One inbox (issue 15): the services module's own notice table (0015, kept before the platform inbox
-- existed) is folded into the platform inbox (0026). Each firm-level notice becomes one notification per
-- enterprise user of the firm, with the kind, parameters, link and once-only key the module now writes
-- through notify() (so a policy version pushed again is still not sent twice), its date and, where the
-- firm had read it, that reading. Only 'policy' notices were ever written ('ticket' and 'visit' were
-- reserved kinds); a 'ticket' row, if any, becomes the butler's-reply kind. Then the table goes: the
-- module's only writer is notify().
insert into inbox_notifications (user_id, kind, params, link, dedupe, created_at, read_at)
select u.id,
       'services.policy',
       jsonb_build_object('policyId', n.policy_id, 'policyTitle', left(n.title, 300),
                          'policyTitleEn', left(p.title_en, 300), 'version', coalesce(n.policy_version, 1)),
       '/services/mine',
       'services.policy:' || n.policy_id || ':' || coalesce(n.policy_version, 1),
       n.created_at,
       n.read_at
  from service_notices n
  join service_policies p on p.id = n.policy_id
  join organisations o on o.enterprise_id = n.enterprise_id
  join users u on u.organisation_id = o.id and u.role = 'enterprise_user' and not u.disabled
 where n.kind = 'policy'
 order by n.id, u.id
on conflict (user_id, dedupe) where dedupe is not null do nothing;

insert into inbox_notifications (user_id, kind, params, link, created_at, read_at)
select u.id,
       'services.reply',
       jsonb_build_object('ticketId', n.ticket_id, 'ticketTitle', left(n.title, 300)),
       '/services/mine',
       n.created_at,
       n.read_at
  from service_notices n
  join organisations o on o.enterprise_id = n.enterprise_id
  join users u on u.organisation_id = o.id and u.role = 'enterprise_user' and not u.disabled
 where n.kind = 'ticket' and n.ticket_id is not null
 order by n.id, u.id;

drop table service_notices;
