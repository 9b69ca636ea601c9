-- A source's verification status as a structured field (issue 11 item 5), shown to users as a plain badge
-- (已核实 / 待核实 / 示例数据) instead of research tags in prose. verified: the cited figures were read in the
-- publisher's own text; unverified: read in a mirror or repost, or not yet checked against the original;
-- synthetic: invented demo data.
alter table sources
  add column status text not null default 'unverified' check (status in ('verified', 'unverified', 'synthetic'));

update sources set status = 'synthetic' where id = 'synthetic';
update sources set status = 'verified' where id in ('ref-gbt4754', 'ref-gbt2260');
