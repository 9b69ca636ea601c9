-- Industry-chain atlas (DESIGN.md M2): versioned templates, enterprise ↔ node mappings confirmed or
-- rejected by a person, confirmed chain leaders, and the shortlist of gap-filling targets.
create table chain_templates (
  code text not null,
  version int not null,
  template jsonb not null,                   -- TChainTemplate (src/contracts/chains.ts)
  note text,
  created_by text,
  created_at timestamptz not null default now(),
  primary key (code, version)
);

create table chain_mappings (
  enterprise_id int not null references enterprises (id) on delete cascade,
  node_id text not null,                     -- global node id, e.g. oe.target
  status text not null check (status in ('confirmed', 'rejected')),
  confidence double precision,
  evidence jsonb not null default '[]',
  decided_by text,
  decided_at timestamptz not null default now(),
  primary key (enterprise_id, node_id)
);
create index chain_mappings_node on chain_mappings (node_id) where status = 'confirmed';

create table chain_leaders (
  enterprise_id int not null references enterprises (id) on delete cascade,
  chain_code text not null,
  status text not null check (status in ('confirmed', 'rejected')),
  decided_by text,
  decided_at timestamptz not null default now(),
  primary key (enterprise_id, chain_code)
);

-- Candidates turned into leads before the investment module exists; it takes them over.
create table chain_shortlist (
  id int generated always as identity primary key,
  chain_code text not null,
  node_id text not null,
  enterprise_id int not null references enterprises (id) on delete cascade,
  scope text not null,                       -- e.g. city, district:420112, park:12
  reasons jsonb not null default '[]',
  score double precision,
  created_by text,
  created_at timestamptz not null default now(),
  unique (chain_code, node_id, enterprise_id, scope)
);
