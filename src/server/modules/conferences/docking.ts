/**
 * Docking events and chain-aware conferences (issue 12 item 5).
 *
 *   chain        a conference may be held for a chain (产业链对接会): `conference_chains` (migration 0021)
 *   suggestions  for the organiser, meeting requests between participants linked to registry firms:
 *                - docking_match: a docking match (src/server/modules/docking) between two participants'
 *                  firms that neither side declined; the buyer asks the supplier. Priority from the
 *                  match score: ≥ 0.6 → 3, ≥ 0.4 → 2, else 1.
 *                - chain_gap: for each missing or weak segment of the chain in the city (the atlas's gap
 *                  targets), a participant among the segment's gap candidates (a firm that would fill it)
 *                  with a participant that is a local leader of the chain, a local firm of the segment or
 *                  a local firm of a segment it supplies. Priority by the gap: key link → 3, missing → 2,
 *                  weak → 1; ordered by the gap, then by the candidate's score.
 *                A pair suggested both ways is one suggestion (the docking match, with the gap attached
 *                and the higher priority). Pairs with an open request are flagged, never sent twice.
 *                Only the names, scores, tiers, shared terms and nodes are shown: quantities, prices and
 *                contacts stay with the docking module's owners.
 *   accept       the organiser sends chosen suggestions as requests (pending, or accepted when recorded
 *                as agreed); each request remembers its docking match and its gap node.
 *   results      by gap: the requests, meetings and scheduled meetings made for it, the event's signings
 *                of projects at the node, and docking deals between participants on the node signed
 *                from the event's first day on.
 */
import type { TChainTemplate } from '../../../contracts/chains.js';
import type {
  TConferenceChain,
  TConferenceResults,
  TGapNode,
  TMeetingSuggestion,
  TMeetingSuggestions,
} from '../../../contracts/conference-docking.js';
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import type { ChainHealth, GapTarget } from '../../../domain/chains/types.js';
import { invalid } from '../../lib/errors.js';
import { analyse } from '../chains/analysis.js';
import { currentTemplates } from '../chains/templates-store.js';
import type { Loaded } from './conference.js';
import * as repo from './repository.js';

type Bi = { zh: string; en: string };

export async function chainOf(db: Db, eventId: number): Promise<string | null> {
  const [r] = await db.query<{ chain_code: string }>('select chain_code from conference_chains where event_id = $1', [
    eventId,
  ]);
  return r?.chain_code ?? null;
}

const ref = (t: TChainTemplate) => ({ code: t.code, nameZh: t.nameZh, nameEn: t.nameEn });

export async function chainSetting(db: Db, eventId: number): Promise<TConferenceChain> {
  const templates = await currentTemplates(db);
  const code = await chainOf(db, eventId);
  const t = templates.find((x) => x.code === code);
  return { chain: t ? ref(t) : null, options: templates.map(ref) };
}

/** Sets (or clears) the chain; 422 naming chainCode for an unknown chain. Returns the previous code. */
export async function setChain(db: Db, c: Loaded, code: string | null, userId: number | null): Promise<string | null> {
  const before = await chainOf(db, c.event.id);
  if (code === null) {
    await db.query('delete from conference_chains where event_id = $1', [c.event.id]);
    return before;
  }
  const [t] = await currentTemplates(db, code);
  if (!t)
    throw invalid([
      fieldProblem(['chainCode'], 'reference_not_found', {
        zh: `没有代码为"${code}"的产业链`,
        en: `no chain has the code "${code}"`,
      }),
    ]);
  await db.query(
    `insert into conference_chains (event_id, chain_code, set_by) values ($1, $2, $3)
     on conflict (event_id) do update set chain_code = excluded.chain_code, set_by = excluded.set_by,
       version = conference_chains.version + 1, updated_at = now()`,
    [c.event.id, code, userId && userId > 0 ? userId : null],
  );
  return before;
}

// ─── gaps ───

const gapWeight = (g: TGapNode) => (g.keyLink ? 2 : 0) + (g.status === 'missing' ? 2 : 1);
export const gapPriority = (g: TGapNode): 1 | 2 | 3 => (g.keyLink ? 3 : g.status === 'missing' ? 2 : 1);

interface ChainView {
  template: TChainTemplate;
  health: ChainHealth;
  targets: GapTarget[];
  gaps: TGapNode[];
}

/** The chain's health and gap targets in the city (every candidate, so no participant is cut off). */
async function chainView(db: Db, code: string | null): Promise<ChainView | null> {
  if (!code) return null;
  const [template] = await currentTemplates(db, code);
  if (!template) return null;
  const { health, targets } = await analyse(
    db,
    [template],
    { kind: 'city' },
    { targets: true, thresholds: { maxCandidatesPerGap: 100_000 } },
  );
  const h = health[0] as ChainHealth;
  const ts = (targets?.[0] ?? []) as GapTarget[];
  const gaps = ts
    .map((t) => ({ nodeId: t.nodeId, nameZh: t.nameZh, nameEn: t.nameEn, status: t.status, keyLink: t.keyLink }))
    .sort((a, b) => gapWeight(b) - gapWeight(a) || a.nodeId.localeCompare(b.nodeId));
  return { template, health: h, targets: ts, gaps };
}

/** Segments a node supplies (edges out of it or of its groups; a receiving group stands for its children). */
function downstream(t: TChainTemplate, nodeId: string): Set<string> {
  const parent = new Map(t.nodes.map((n) => [n.id, n.parent]));
  const from = new Set<string>();
  for (let id: string | null | undefined = nodeId; id && !from.has(id); id = parent.get(id)) from.add(id);
  const out = new Set<string>();
  for (const e of t.edges) {
    if (e.kind !== 'supplies' || !from.has(e.from)) continue;
    out.add(e.to);
    for (const n of t.nodes) if (n.parent === e.to) out.add(n.id);
  }
  return out;
}

// ─── suggestions ───

const pairKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);
const TIER: Record<string, Bi> = {
  building: { zh: '同楼', en: 'same building' },
  park: { zh: '同园区', en: 'same park' },
  district: { zh: '同区', en: 'same district' },
  city: { zh: '同城', en: 'same city' },
  outside: { zh: '市外', en: 'outside the city' },
};
const gapText = (g: TGapNode): Bi => ({
  zh: `补链：${g.nameZh}（${g.status === 'missing' ? '缺失' : '薄弱'}${g.keyLink ? '，关键环节' : ''}）`,
  en: `Fills ${g.nameEn} (${g.status}${g.keyLink ? ', key link' : ''})`,
});

type MatchRow = {
  id: number;
  customer_id: number;
  supplier_id: number;
  score: number;
  tier: string;
  terms: string[] | null;
  demand_node: string | null;
  supply_node: string | null;
};

export async function suggestions(db: Db, c: Loaded): Promise<TMeetingSuggestions> {
  const view = await chainView(db, await chainOf(db, c.event.id));
  const byEnt = new Map<number, repo.ParticipantRow>();
  for (const p of c.participants)
    if (p.enterpriseId !== null && !byEnt.has(p.enterpriseId)) byEnt.set(p.enterpriseId, p);
  const unlinked = c.participants.filter((p) => p.enterpriseId === null).length;
  const open = new Map<string, number>();
  for (const r of await repo.listRequests(db, c.event.id))
    if (r.status === 'pending' || r.status === 'accepted') open.set(pairKey(r.fromId, r.toId), r.id);
  const gapById = new Map((view?.gaps ?? []).map((g) => [g.nodeId, g]));
  const out = new Map<string, TMeetingSuggestion>();
  const put = (s: TMeetingSuggestion) => {
    const k = pairKey(s.fromId, s.toId);
    const prior = out.get(k);
    if (!prior) return void out.set(k, s);
    // one suggestion per pair: the docking match stays, with the gap and the higher priority
    const keep = prior.source === 'docking_match' || s.source !== 'docking_match' ? prior : s;
    const other = keep === prior ? s : prior;
    const gap = keep.gap ?? other.gap;
    out.set(k, {
      ...keep,
      gap,
      priority: Math.max(keep.priority, other.priority) as 1 | 2 | 3,
      weight: Math.max(keep.weight, other.weight),
      reasons: [...keep.reasons, ...other.reasons.filter((r) => !keep.reasons.some((x) => x.zh === r.zh))],
    });
  };

  const ents = [...byEnt.keys()];
  if (ents.length > 1) {
    const rows = await db.query<MatchRow>(
      `select m.id, m.customer_id, m.supplier_id, m.score, m.tier,
              array(select jsonb_array_elements_text(m.evidence -> 'terms')) as terms,
              d.node_id as demand_node, s.node_id as supply_node
         from docking_matches m join docking_postings d on d.id = m.demand_id
         left join docking_postings s on s.id = m.supply_id
        where m.customer_id = any($1::int[]) and m.supplier_id = any($1::int[])
          and m.customer_decision is distinct from 'not_relevant' and m.supplier_decision is distinct from 'not_relevant'
          and d.status = 'open' and (s.id is null or s.status = 'open')
        order by m.score desc, m.id`,
      [ents],
    );
    for (const m of rows) {
      const from = byEnt.get(m.customer_id) as repo.ParticipantRow;
      const to = byEnt.get(m.supplier_id) as repo.ParticipantRow;
      if (from.id === to.id) continue;
      // the segment the supply comes from, else the demand's
      const gap = gapById.get(m.supply_node ?? '') ?? gapById.get(m.demand_node ?? '') ?? null;
      const base: 1 | 2 | 3 = m.score >= 0.6 ? 3 : m.score >= 0.4 ? 2 : 1;
      const terms = (m.terms ?? []).slice(0, 5);
      const tier = TIER[m.tier] ?? { zh: m.tier, en: m.tier };
      const reasons: Bi[] = [
        {
          zh: `供需匹配 ${Math.round(m.score * 100)} 分，${tier.zh}${terms.length ? `；共同词：${terms.join('、')}` : ''}`,
          en: `Docking match, score ${Math.round(m.score * 100)}, ${tier.en}${terms.length ? `; shared terms: ${terms.join(', ')}` : ''}`,
        },
      ];
      if (gap) reasons.push(gapText(gap));
      put({
        key: `match:${m.id}`,
        source: 'docking_match',
        fromId: from.id,
        fromOrganisation: from.organisation,
        toId: to.id,
        toOrganisation: to.organisation,
        priority: gap ? (Math.max(base, gapPriority(gap)) as 1 | 2 | 3) : base,
        weight: (gap ? gapWeight(gap) * 100 : 0) + m.score * 100,
        matchId: m.id,
        score: Math.round(m.score * 1000) / 1000,
        tier: m.tier,
        gap,
        reasons,
        existingRequestId: open.get(pairKey(from.id, to.id)) ?? null,
      });
    }
  }

  if (view) {
    const leaders = new Set(view.health.leaders.map((l) => l.enterpriseId));
    const nodeFirms = new Map(view.health.nodes.map((n) => [n.nodeId, new Set(n.firms.map((f) => f.enterpriseId))]));
    for (const t of view.targets) {
      const gap = gapById.get(t.nodeId);
      if (!gap) continue;
      const fillers = t.candidates.filter((x) => byEnt.has(x.enterpriseId));
      if (fillers.length === 0) continue;
      const down = downstream(view.template, t.nodeId);
      const locals: { p: repo.ParticipantRow; why: Bi }[] = [];
      for (const [ent, p] of byEnt) {
        const node = view.template.nodes.find((n) => down.has(n.id) && nodeFirms.get(n.id)?.has(ent));
        if (leaders.has(ent))
          locals.push({ p, why: { zh: `${p.organisation} 是本链链主`, en: `${p.organisation} leads the chain` } });
        else if (nodeFirms.get(t.nodeId)?.has(ent))
          locals.push({
            p,
            why: {
              zh: `${p.organisation} 是本地${gap.nameZh}企业`,
              en: `${p.organisation} is a local ${gap.nameEn} firm`,
            },
          });
        else if (node)
          locals.push({
            p,
            why: {
              zh: `${p.organisation}（${node.nameZh}）采购${gap.nameZh}`,
              en: `${p.organisation} (${node.nameEn}) buys ${gap.nameEn}`,
            },
          });
      }
      for (const f of fillers) {
        const to = byEnt.get(f.enterpriseId) as repo.ParticipantRow;
        const fit = f.reasons[0];
        for (const l of locals) {
          if (l.p.id === to.id) continue;
          put({
            key: `gap:${t.nodeId}:${l.p.id}:${to.id}`,
            source: 'chain_gap',
            fromId: l.p.id,
            fromOrganisation: l.p.organisation,
            toId: to.id,
            toOrganisation: to.organisation,
            priority: gapPriority(gap),
            weight: gapWeight(gap) * 100 + f.score,
            matchId: null,
            score: f.score,
            tier: null,
            gap,
            reasons: [
              gapText(gap),
              {
                zh: `${to.organisation} 是补链候选（${Math.round(f.score)} 分）${fit ? `：${fit.zh}` : ''}`,
                en: `${to.organisation} is a gap candidate (score ${Math.round(f.score)})${fit ? `: ${fit.en}` : ''}`,
              },
              l.why,
            ],
            existingRequestId: open.get(pairKey(l.p.id, to.id)) ?? null,
          });
        }
      }
    }
  }

  const items = [...out.values()].sort(
    (a, b) =>
      Number(a.existingRequestId !== null) - Number(b.existingRequestId !== null) ||
      b.priority - a.priority ||
      b.weight - a.weight ||
      a.key.localeCompare(b.key),
  );
  return { chain: view ? ref(view.template) : null, gaps: view?.gaps ?? [], items, unlinked };
}

/** Sends the chosen suggestions as requests; every unknown or already requested key is a 422 naming it. */
export async function acceptSuggestions(
  db: Db,
  c: Loaded,
  keys: string[],
  status: 'pending' | 'accepted',
  by: string | null,
): Promise<{ key: string; requestId: number; suggestion: TMeetingSuggestion }[]> {
  const { items } = await suggestions(db, c);
  const byKey = new Map(items.map((s) => [s.key, s]));
  // a merged pair answers to either of its keys
  for (const s of items) {
    if (s.source === 'docking_match' && s.gap) byKey.set(`gap:${s.gap.nodeId}:${s.fromId}:${s.toId}`, s);
  }
  const problems = [];
  const chosen: { key: string; s: TMeetingSuggestion }[] = [];
  const pairs = new Set<string>();
  for (const [i, key] of keys.entries()) {
    const s = byKey.get(key);
    if (!s) {
      problems.push(
        fieldProblem(['keys', i], 'reference_not_found', {
          zh: `没有这条推荐：${key}`,
          en: `no such suggestion: ${key}`,
        }),
      );
      continue;
    }
    const pk = pairKey(s.fromId, s.toId);
    if (s.existingRequestId !== null || pairs.has(pk)) {
      problems.push(
        fieldProblem(['keys', i], 'duplicate', {
          zh: `${s.fromOrganisation} 与 ${s.toOrganisation} 已有未结束的约见请求`,
          en: `an open request between ${s.fromOrganisation} and ${s.toOrganisation} already exists`,
        }),
      );
      continue;
    }
    pairs.add(pk);
    chosen.push({ key, s });
  }
  if (problems.length) throw invalid(problems);
  const created = [];
  for (const { key, s } of chosen) {
    const id = await repo.insertRequest(db, c.event.id, {
      fromId: s.fromId,
      toId: s.toId,
      message: null,
      priority: s.priority,
      status,
      expiryHours: c.settings.requestExpiryHours,
      synthetic: false,
      createdBy: by,
    });
    await db.query('update conference_requests set docking_match_id = $2, gap_node_id = $3 where id = $1', [
      id,
      s.matchId,
      s.gap?.nodeId ?? null,
    ]);
    created.push({ key, requestId: id, suggestion: s });
  }
  return created;
}

// ─── results ───

export async function results(db: Db, c: Loaded): Promise<TConferenceResults> {
  const code = await chainOf(db, c.event.id);
  const view = await chainView(db, code);
  const requests = await repo.listRequests(db, c.event.id);
  const ents = [...new Set(c.participants.flatMap((p) => (p.enterpriseId === null ? [] : [p.enterpriseId])))];
  const entToPid = new Map<number, number>();
  for (const p of c.participants)
    if (p.enterpriseId !== null && !entToPid.has(p.enterpriseId)) entToPid.set(p.enterpriseId, p.id);

  // the node a docking-match request is about: its supply's node (or its demand's)
  const matchIds = requests.flatMap((r) => (r.dockingMatchId === null ? [] : [r.dockingMatchId]));
  const matchNodes = new Map<number, string[]>();
  if (matchIds.length)
    for (const m of await db.query<{ id: number; nodes: (string | null)[] }>(
      `select m.id, array[s.node_id, d.node_id] as nodes from docking_matches m
         join docking_postings d on d.id = m.demand_id left join docking_postings s on s.id = m.supply_id
        where m.id = any($1::int[])`,
      [matchIds],
    ))
      matchNodes.set(
        m.id,
        m.nodes.filter((x): x is string => !!x),
      );

  const signings = await db.query<{ node_id: string | null }>(
    `select p.node_id from event_outcomes o join projects p on p.id = o.project_id
      where o.event_id = $1 and o.kind = 'signing'`,
    [c.event.id],
  );
  const deals = ents.length
    ? await db.query<{ customer_id: number; supplier_id: number; nodes: (string | null)[] }>(
        `select m.customer_id, m.supplier_id, array[s.node_id, d2.node_id] as nodes
           from docking_deals d join docking_matches m on m.id = d.match_id
           join docking_postings d2 on d2.id = m.demand_id left join docking_postings s on s.id = m.supply_id
          where m.customer_id = any($1::int[]) and m.supplier_id = any($1::int[])
            and ($2::date is null or d.signed_on >= $2::date)`,
        [ents, c.event.startedOn ?? null],
      )
    : [];

  // gaps now, and the nodes the event's requests were made for (a gap since filled shows as strong)
  const nodeOf = new Map((view?.health.nodes ?? []).map((n) => [n.nodeId, n]));
  const gapIds = new Set((view?.gaps ?? []).map((g) => g.nodeId));
  const requestNode = (r: (typeof requests)[number]) =>
    r.gapNodeId ?? (matchNodes.get(r.dockingMatchId ?? -1) ?? []).find((n) => gapIds.has(n) || nodeOf.has(n)) ?? null;
  const pairGap = new Map<string, string>();
  for (const r of requests) {
    const n = requestNode(r);
    if (n && (r.status === 'pending' || r.status === 'accepted')) pairGap.set(pairKey(r.fromId, r.toId), n);
  }
  const ids = new Set<string>([...gapIds, ...requests.flatMap((r) => (r.gapNodeId ? [r.gapNodeId] : []))]);
  const open = view ? await suggestions(db, c) : { items: [] };
  const gaps = [...ids]
    .filter((id) => nodeOf.has(id))
    .map((id) => {
      const n = nodeOf.get(id) as ChainHealth['nodes'][number];
      const mine = requests.filter((r) => requestNode(r) === id);
      const meetings = mine.filter((r) => r.status === 'accepted');
      const nodeDeals = deals.filter((d) => {
        const pk = pairKey(entToPid.get(d.customer_id) ?? -1, entToPid.get(d.supplier_id) ?? -2);
        return d.nodes.includes(id) || pairGap.get(pk) === id;
      });
      return {
        nodeId: id,
        nameZh: n.nameZh,
        nameEn: n.nameEn,
        status: n.status,
        keyLink: n.keyLink,
        suggested: open.items.filter((s) => s.gap?.nodeId === id && s.existingRequestId === null).length,
        requests: mine.length,
        meetings: meetings.length,
        scheduled: meetings.filter((r) => r.slotId !== null).length,
        signings: signings.filter((s) => s.node_id === id).length,
        deals: nodeDeals.length,
        pairs: mine.map((r) => ({ requestId: r.id, a: r.fromOrganisation, b: r.toOrganisation, status: r.status })),
      };
    })
    .sort(
      (a, b) =>
        Number(b.meetings + b.signings + b.deals > 0) - Number(a.meetings + a.signings + a.deals > 0) ||
        Number(b.keyLink) - Number(a.keyLink) ||
        a.nodeId.localeCompare(b.nodeId),
    );
  const accepted = requests.filter((r) => r.status === 'accepted');
  return {
    chain: view ? ref(view.template) : null,
    totals: {
      requests: requests.length,
      meetings: accepted.length,
      fromDocking: requests.filter((r) => r.dockingMatchId !== null).length,
      fromGaps: requests.filter((r) => r.gapNodeId !== null).length,
      signings: signings.length,
      deals: deals.length,
      gapsAddressed: gaps.filter((g) => g.meetings + g.signings + g.deals > 0).length,
      gaps: gapIds.size,
    },
    gaps,
  };
}
