/**
 * Chain health for one scope (issue 5 item 3): per node the local firms, output, tiers and status
 * (missing / weak with reasons / strong), chain leaders (链主) with why they were detected, local
 * supporting rates (本地配套率) of leaders and nodes, and an explained score (see score.ts).
 */
import type { TChainNode, TChainTemplate } from '../../contracts/chains.js';
import {
  type ChainData,
  type ChainIndex,
  chainMask,
  indexChainData,
  type Member,
  maskFromFlags,
  maskFromIds,
  membersByNode,
} from './data-index.js';
import { leaderReasons, weakReasons } from './reasons.js';
import { chainScore } from './score.js';
import { type ChainThresholds, resolveThresholds, type ThresholdsInput } from './thresholds.js';
import type {
  ChainHealth,
  ChainLeader,
  EnterpriseId,
  NodeFirm,
  NodeHealth,
  NodeStatus,
  Reason,
  SupportingRate,
  WeakReasonCode,
} from './types.js';

/**
 * What a health computation reads: the raw data (indexed on the fly), or an index built once with
 * `indexChainData` for many chains and scopes. `scope`, when given, replaces the enterprises'
 * `inScope` flags: the ids of the local firms, or a mask from `maskFromIds`.
 */
export type HealthInput = (
  | (ChainData & { scope?: Iterable<EnterpriseId> })
  | { index: ChainIndex; scope?: Iterable<EnterpriseId> | Uint8Array }
) & {
  /**
   * Leader decisions by a person (chain_leaders), by chain code then enterprise: a confirmed firm is
   * a leader of that chain whatever its size and links; a rejected one never is.
   */
  leaderDecisions?: ReadonlyMap<string, ReadonlyMap<EnterpriseId, 'confirmed' | 'rejected'>>;
};

function prepare(input: HealthInput): { index: ChainIndex; local: Uint8Array } {
  const index = 'index' in input ? input.index : indexChainData(input);
  const scope = input.scope;
  const local =
    scope instanceof Uint8Array ? scope : scope === undefined ? maskFromFlags(index) : maskFromIds(index, scope);
  return { index, local };
}

/**
 * Local supporting rate of a set of buyers: of their purchases with a known amount, the share bought
 * from suppliers inside the scope. Links with an unknown amount are counted apart, never guessed.
 */
export function supportingRate(index: ChainIndex, local: Uint8Array, buyers: Iterable<number>): SupportingRate {
  let purchaseWan = 0;
  let localWan = 0;
  let links = 0;
  let localLinks = 0;
  let unknownAmountLinks = 0;
  let unknownAmountLocalLinks = 0;
  for (const p of buyers) {
    for (let i = index.buyStart[p]!, end = index.buyStart[p + 1]!; i < end; i++) {
      const amount = index.buyAmount[i]!;
      if (Number.isNaN(amount)) {
        unknownAmountLinks++;
        if (local[index.buySupplier[i]!]) unknownAmountLocalLinks++;
        continue;
      }
      purchaseWan += amount;
      links++;
      if (local[index.buySupplier[i]!]) {
        localWan += amount;
        localLinks++;
      }
    }
  }
  const rate = purchaseWan > 0 ? localWan / purchaseWan : null;
  return { purchaseWan, localWan, rate, links, localLinks, unknownAmountLinks, unknownAmountLocalLinks };
}

function firmOf(index: ChainIndex, m: Member): NodeFirm {
  const f = index.firms[m.pos]!;
  return {
    enterpriseId: f.id,
    name: f.name,
    scale: f.scale,
    outputWan: f.outputWan,
    tiers: f.tiers,
    via: m.via,
    ...(m.via === 'suggested' ? { confidence: m.confidence ?? 0 } : {}),
  };
}

interface Classified {
  status: NodeStatus;
  reasons: Reason<WeakReasonCode>[];
  singleSupplier: boolean;
  outputWan: number;
  outputKnown: number;
}

/** Missing, weak (with every reason that applies) or strong, from a node's local firms alone. */
function classify(firms: readonly NodeFirm[], th: ChainThresholds): Classified {
  let outputWan = 0;
  let outputKnown = 0;
  let top: NodeFirm | undefined;
  for (const f of firms) {
    if (f.outputWan === null) continue;
    outputWan += f.outputWan;
    outputKnown++;
    if (!top || f.outputWan > (top.outputWan ?? 0)) top = f;
  }
  if (firms.length === 0) return { status: 'missing', reasons: [], singleSupplier: false, outputWan, outputKnown };
  const reasons: Reason<WeakReasonCode>[] = [];
  if (firms.length < th.minFirms) reasons.push(weakReasons.belowMinCount(firms.length, th.minFirms));
  if (outputKnown > 0 && outputWan < th.minOutputWan)
    reasons.push(weakReasons.belowMinOutput(outputWan, th.minOutputWan));
  if (firms.every((f) => f.scale === 'small' || f.scale === 'micro')) reasons.push(weakReasons.allSmall(firms.length));
  let singleSupplier = false;
  if (firms.length === 1) {
    singleSupplier = true;
    reasons.push(weakReasons.singleSupplier(firms[0]!.enterpriseId, firms[0]!.name, null));
  } else if (top && outputWan > 0 && (top.outputWan ?? 0) / outputWan >= th.dominantShare) {
    singleSupplier = true;
    reasons.push(weakReasons.singleSupplier(top.enterpriseId, top.name, (top.outputWan ?? 0) / outputWan));
  }
  return { status: reasons.length ? 'weak' : 'strong', reasons, singleSupplier, outputWan, outputKnown };
}

function sortedTiers(firms: readonly NodeFirm[]): string[] {
  const tiers = new Set<string>();
  for (const f of firms) for (const t of f.tiers) tiers.add(t);
  return [...tiers].sort();
}

function nodeShell(n: TChainNode, children: string[]) {
  return {
    nodeId: n.id,
    nameZh: n.nameZh,
    nameEn: n.nameEn,
    stage: n.stage,
    parent: n.parent,
    group: n.group,
    keyLink: n.keyLink,
    children,
  };
}

/**
 * Health of one chain in one scope. Per segment: its local firms (confirmed mappings of local firms;
 * strong suggestions too when `includeSuggested`), count, known output, tiers, the single-supplier
 * flag, and a status — missing (no local firm), weak (fewer than `minFirms`; known output below
 * `minOutputWan`; every firm small or micro; or a single supplier: the only firm, or one holding
 * `dominantShare` of the output), else strong. A group node aggregates its children (and any firm
 * mapped to it directly): missing when it has no firm, weak when a child is missing or weak, else
 * strong. Leaders: local chain firms flagged in the registry, or both large enough (large scale or
 * `leaderOutputShare` of the chain's local output) and linked enough (`minLeaderLinks` distinct
 * in-chain suppliers and customers, anywhere). Supporting rates use `supportingRate`. The score and
 * its parts come from `chainScore`.
 */
export function chainHealth(
  template: TChainTemplate,
  input: HealthInput,
  thresholds: ThresholdsInput | ChainThresholds = {},
): ChainHealth {
  const th = resolveThresholds(thresholds);
  const { index, local } = prepare(input);
  return healthOf(template, index, local, th, input.leaderDecisions);
}

/**
 * Health of every template for one scope: the index and the scope mask are built once and shared
 * (the full health report of a city, a district or a park).
 */
export function healthReport(
  templates: readonly TChainTemplate[],
  input: HealthInput,
  thresholds: ThresholdsInput | ChainThresholds = {},
): ChainHealth[] {
  const th = resolveThresholds(thresholds);
  const { index, local } = prepare(input);
  return templates.map((t) => healthOf(t, index, local, th, input.leaderDecisions));
}

function healthOf(
  template: TChainTemplate,
  index: ChainIndex,
  local: Uint8Array,
  th: ChainThresholds,
  decisions?: HealthInput['leaderDecisions'],
): ChainHealth {
  const members = membersByNode(index, th);
  const localMembers = (nodeId: string) => (members.get(nodeId) ?? []).filter((m) => local[m.pos]);
  const childrenOf = new Map<string, string[]>();
  for (const n of template.nodes) {
    if (n.parent) childrenOf.set(n.parent, [...(childrenOf.get(n.parent) ?? []), n.id]);
  }

  const byId = new Map<string, NodeHealth>();
  const localPositions = new Map<string, Member[]>();
  const build = (n: TChainNode, list: Member[], extra: Partial<Classified> = {}): NodeHealth => {
    const firms = list.map((m) => firmOf(index, m));
    const c = { ...classify(firms, th), ...extra };
    return {
      ...nodeShell(n, childrenOf.get(n.id) ?? []),
      firms,
      firmCount: firms.length,
      outputWan: c.outputWan,
      outputKnown: c.outputKnown,
      tiers: sortedTiers(firms),
      singleSupplier: c.singleSupplier,
      status: c.status,
      reasons: c.reasons,
      supporting: supportingRate(
        index,
        local,
        list.map((m) => m.pos),
      ),
    };
  };
  // segments first, then groups over them, deepest groups first (the shipped templates have one level)
  const unionOf = new Map<string, Member[]>();
  for (const n of template.nodes) {
    if (n.group && childrenOf.has(n.id)) continue;
    const list = localMembers(n.id);
    localPositions.set(n.id, list);
    unionOf.set(n.id, list);
    byId.set(n.id, build(n, list));
  }
  const parentOf = new Map(template.nodes.map((n) => [n.id, n.parent]));
  const depth = (id: string) => {
    let d = 0;
    for (let p = parentOf.get(id); p && d < template.nodes.length; p = parentOf.get(p)) d++;
    return d;
  };
  const groups = template.nodes.filter((n) => n.group && childrenOf.has(n.id));
  groups.sort((a, b) => depth(b.id) - depth(a.id));
  for (const n of groups) {
    const kids = childrenOf.get(n.id)!.flatMap((id) => byId.get(id) ?? []);
    const own = localMembers(n.id);
    localPositions.set(n.id, own);
    const union = new Map<number, Member>();
    for (const m of [...own, ...kids.flatMap((k) => unionOf.get(k.nodeId) ?? [])]) {
      const prior = union.get(m.pos);
      if (!prior || (prior.via === 'suggested' && m.via === 'confirmed')) union.set(m.pos, m);
    }
    const list = [...union.values()].sort((a, b) => a.pos - b.pos);
    unionOf.set(n.id, list);
    const missing = kids.filter((k) => k.status === 'missing');
    const weak = kids.filter((k) => k.status === 'weak');
    const reasons: Reason<WeakReasonCode>[] = [];
    if (missing.length) {
      reasons.push(
        weakReasons.childMissing(
          missing.map((k) => k.nodeId),
          missing.map((k) => k.nameZh),
        ),
      );
    }
    if (weak.length) {
      reasons.push(
        weakReasons.childWeak(
          weak.map((k) => k.nodeId),
          weak.map((k) => k.nameZh),
        ),
      );
    }
    const status: NodeStatus = list.length === 0 ? 'missing' : reasons.length ? 'weak' : 'strong';
    byId.set(n.id, build(n, list, { status, reasons: status === 'weak' ? reasons : [] }));
  }
  const nodes = template.nodes.map((n) => byId.get(n.id)!);

  // the chain's local firms, each with the nodes it was mapped to
  const chainFirms = new Map<number, string[]>();
  for (const [nodeId, list] of localPositions) {
    for (const m of list) {
      const ids = chainFirms.get(m.pos);
      if (ids) ids.push(nodeId);
      else chainFirms.set(m.pos, [nodeId]);
    }
  }
  const leaders = detectLeaders(template.code, index, local, chainFirms, th, decisions?.get(template.code));
  const segments = nodes.filter((n) => !n.group);
  const covered = segments.filter((n) => n.status !== 'missing');
  let localOutputWan = 0;
  for (const p of chainFirms.keys()) localOutputWan += index.firms[p]!.outputWan ?? 0;
  return {
    chainCode: template.code,
    version: template.version,
    nameZh: template.nameZh,
    nameEn: template.nameEn,
    nodes,
    leaders,
    summary: {
      segments: segments.length,
      covered: covered.length,
      missing: segments.length - covered.length,
      weak: segments.filter((n) => n.status === 'weak').length,
      strong: segments.filter((n) => n.status === 'strong').length,
      localFirms: chainFirms.size,
      localOutputWan,
    },
    score: chainScore(nodes, leaders, th),
  };
}

function detectLeaders(
  chainCode: string,
  index: ChainIndex,
  local: Uint8Array,
  chainFirms: ReadonlyMap<number, string[]>,
  th: ChainThresholds,
  decided?: ReadonlyMap<EnterpriseId, 'confirmed' | 'rejected'>,
): ChainLeader[] {
  let totalOutput = 0;
  for (const p of chainFirms.keys()) totalOutput += index.firms[p]!.outputWan ?? 0;
  const inChain = chainMask(index, chainCode, th);
  const leaders: ChainLeader[] = [];
  for (const [p, nodeIds] of chainFirms) {
    const f = index.firms[p]!;
    const share = totalOutput > 0 && f.outputWan !== null ? f.outputWan / totalOutput : null;
    const large = f.scale === 'large';
    const topShare = share !== null && share >= th.leaderOutputShare;
    const decision = decided?.get(f.id);
    if (decision === 'rejected') continue;
    const confirmed = decision === 'confirmed';
    if (!f.isChainLeader && !confirmed && !large && !topShare) continue;
    const suppliers = new Set<number>();
    const customers = new Set<number>();
    for (let i = index.buyStart[p]!, end = index.buyStart[p + 1]!; i < end; i++) {
      const s = index.buySupplier[i]!;
      if (inChain[s]) suppliers.add(s);
    }
    for (let i = index.sellStart[p]!, end = index.sellStart[p + 1]!; i < end; i++) {
      const c = index.sellCustomer[i]!;
      if (inChain[c]) customers.add(c);
    }
    const partners = new Set([...suppliers, ...customers]).size;
    const linked = partners >= th.minLeaderLinks;
    if (!f.isChainLeader && !confirmed && !linked) continue;
    const detectedBy = [
      ...(confirmed ? [leaderReasons.confirmed()] : []),
      ...(f.isChainLeader ? [leaderReasons.flag()] : []),
      ...(large ? [leaderReasons.largeScale()] : []),
      ...(topShare ? [leaderReasons.topOutputShare(share!, th.leaderOutputShare)] : []),
      ...(linked ? [leaderReasons.chainLinks(partners, th.minLeaderLinks)] : []),
    ];
    leaders.push({
      enterpriseId: f.id,
      name: f.name,
      nodeIds: [...nodeIds].sort(),
      scale: f.scale,
      outputWan: f.outputWan,
      outputShare: share,
      chainSuppliers: suppliers.size,
      chainCustomers: customers.size,
      chainPartners: partners,
      flagged: f.isChainLeader,
      ...(confirmed ? { confirmed } : {}),
      detectedBy,
      supporting: supportingRate(index, local, [p]),
    });
  }
  return leaders.sort((a, b) => (b.outputWan ?? -1) - (a.outputWan ?? -1) || a.enterpriseId - b.enterpriseId);
}
