/**
 * The chain engine's view of the registry, indexed once: enterprises by a dense position, supply
 * links as compressed adjacency arrays (purchases by customer, sales by supplier) and mappings by
 * node. One index serves every chain and every scope (a scope is a mask of local positions), so a
 * city report and fifty park reports never scan the whole link list again.
 */
import type { ChainThresholds } from './thresholds.js';
import type { ChainEnterprise, EnterpriseId, NodeMapping, SupplyLink } from './types.js';
import { getOrSet, push } from './util.js';

export interface ChainData {
  enterprises: readonly ChainEnterprise[];
  mappings: readonly NodeMapping[];
  links: readonly SupplyLink[];
}

/** A node member: an enterprise position and how it got there. */
export interface Member {
  pos: number;
  via: 'confirmed' | 'suggested';
  confidence?: number;
}

export interface ChainIndex {
  /** Enterprise at each position; undefined for an id only seen in links. */
  readonly firms: readonly (ChainEnterprise | undefined)[];
  readonly ids: readonly EnterpriseId[];
  readonly pos: ReadonlyMap<EnterpriseId, number>;
  /** Purchases of position p: suppliers buySupplier[buyStart[p] .. buyStart[p+1]), amounts (NaN = unknown). */
  readonly buyStart: Int32Array;
  readonly buySupplier: Int32Array;
  readonly buyAmount: Float64Array;
  /** Sales of position p: customers sellCustomer[sellStart[p] .. sellStart[p+1]), amounts (NaN = unknown). */
  readonly sellStart: Int32Array;
  readonly sellCustomer: Int32Array;
  readonly sellAmount: Float64Array;
  readonly mappings: readonly NodeMapping[];
  /** Memo of `membersByNode` and `chainMask` per membership rule; filled on demand. */
  readonly memo: Map<string, unknown>;
}

/** Builds the index in O(enterprises + links + mappings). Self-links are left out. */
export function indexChainData(data: ChainData): ChainIndex {
  const firms: (ChainEnterprise | undefined)[] = [];
  const ids: EnterpriseId[] = [];
  const pos = new Map<EnterpriseId, number>();
  // Registry ids are small positive integers: look them up in an array rather than a Map (2 M
  // lookups for 1 M links); any other id goes through the Map.
  let maxId = 0;
  for (const e of data.enterprises) maxId = Number.isSafeInteger(e.id) && e.id > maxId ? e.id : maxId;
  const table = maxId <= 4 * data.enterprises.length + 1024 ? new Int32Array(maxId + 1).fill(-1) : null;
  const place = (id: EnterpriseId, firm?: ChainEnterprise) => {
    const inTable = table !== null && Number.isSafeInteger(id) && id >= 0 && id <= maxId;
    let p = inTable ? table[id]! : (pos.get(id) ?? -1);
    if (p < 0) {
      p = ids.length;
      pos.set(id, p);
      if (inTable) table[id] = p;
      ids.push(id);
      firms.push(firm);
    } else if (firm && !firms[p]) firms[p] = firm;
    return p;
  };
  for (const e of data.enterprises) place(e.id, e);
  const n0 = data.links.length;
  const sup = new Int32Array(n0);
  const cus = new Int32Array(n0);
  const amt = new Float64Array(n0);
  let m = 0;
  for (let i = 0; i < n0; i++) {
    const l = data.links[i]!;
    if (l.supplierId === l.customerId) continue;
    sup[m] = place(l.supplierId);
    cus[m] = place(l.customerId);
    amt[m] = l.amountWan ?? Number.NaN;
    m++;
  }
  const n = ids.length;
  const buyStart = new Int32Array(n + 1);
  const sellStart = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) {
    buyStart[cus[i]! + 1]!++;
    sellStart[sup[i]! + 1]!++;
  }
  for (let p = 0; p < n; p++) {
    buyStart[p + 1]! += buyStart[p]!;
    sellStart[p + 1]! += sellStart[p]!;
  }
  const buySupplier = new Int32Array(m);
  const buyAmount = new Float64Array(m);
  const sellCustomer = new Int32Array(m);
  const sellAmount = new Float64Array(m);
  const buyFill = buyStart.slice(0, n);
  const sellFill = sellStart.slice(0, n);
  for (let i = 0; i < m; i++) {
    const s = sup[i]!;
    const c = cus[i]!;
    const amount = amt[i]!;
    const b = buyFill[c]!++;
    buySupplier[b] = s;
    buyAmount[b] = amount;
    const q = sellFill[s]!++;
    sellCustomer[q] = c;
    sellAmount[q] = amount;
  }
  return {
    firms,
    ids,
    pos,
    buyStart,
    buySupplier,
    buyAmount,
    sellStart,
    sellCustomer,
    sellAmount,
    mappings: data.mappings,
    memo: new Map(),
  };
}

/** Local mask from the enterprises' own `inScope` flags. */
export function maskFromFlags(index: ChainIndex): Uint8Array {
  const mask = new Uint8Array(index.ids.length);
  index.firms.forEach((f, p) => {
    if (f?.inScope) mask[p] = 1;
  });
  return mask;
}

/** Local mask from a set of enterprise ids (overriding the `inScope` flags). */
export function maskFromIds(index: ChainIndex, ids: Iterable<EnterpriseId>): Uint8Array {
  const mask = new Uint8Array(index.ids.length);
  for (const id of ids) {
    const p = index.pos.get(id);
    if (p !== undefined && index.firms[p]) mask[p] = 1;
  }
  return mask;
}

const ruleKey = (th: Pick<ChainThresholds, 'includeSuggested' | 'strongSuggestion'>) =>
  th.includeSuggested ? `s${th.strongSuggestion}` : 'c';

/**
 * Members of every node under the membership rule: confirmed mappings; with `includeSuggested`,
 * also suggestions with confidence ≥ `strongSuggestion` that nobody confirmed or rejected. A
 * rejection beats a suggestion, a confirmation beats both. Mappings of unknown firms are ignored.
 */
export function membersByNode(
  index: ChainIndex,
  th: Pick<ChainThresholds, 'includeSuggested' | 'strongSuggestion'>,
): ReadonlyMap<string, readonly Member[]> {
  const key = `members:${ruleKey(th)}`;
  const hit = index.memo.get(key) as Map<string, Member[]> | undefined;
  if (hit) return hit;
  const best = new Map<string, Map<number, Member | null>>();
  for (const m of index.mappings) {
    const p = index.pos.get(m.enterpriseId);
    if (p === undefined || !index.firms[p]) continue;
    const node = getOrSet(best, m.nodeId, () => new Map<number, Member | null>());
    const prior = node.get(p);
    if (m.status === 'confirmed') node.set(p, { pos: p, via: 'confirmed' });
    else if (m.status === 'rejected') {
      if (prior?.via !== 'confirmed') node.set(p, null);
    } else if (prior === undefined || (prior?.via === 'suggested' && (prior.confidence ?? 0) < (m.confidence ?? 0))) {
      node.set(p, { pos: p, via: 'suggested', confidence: m.confidence ?? 0 });
    }
  }
  const out = new Map<string, Member[]>();
  for (const [nodeId, node] of best) {
    const list: Member[] = [];
    for (const member of node.values()) {
      if (!member) continue;
      if (member.via === 'suggested' && !(th.includeSuggested && (member.confidence ?? 0) >= th.strongSuggestion)) {
        continue;
      }
      list.push(member);
    }
    if (list.length)
      out.set(
        nodeId,
        list.sort((a, b) => a.pos - b.pos),
      );
  }
  index.memo.set(key, out);
  return out;
}

/** Positions mapped to any node of a chain, in or out of any scope (for counting in-chain partners). */
export function chainMask(
  index: ChainIndex,
  chainCode: string,
  th: Pick<ChainThresholds, 'includeSuggested' | 'strongSuggestion'>,
): Uint8Array {
  const key = `chain:${chainCode}:${ruleKey(th)}`;
  const hit = index.memo.get(key) as Uint8Array | undefined;
  if (hit) return hit;
  const mask = new Uint8Array(index.ids.length);
  const prefix = `${chainCode}.`;
  for (const [nodeId, members] of membersByNode(index, th)) {
    if (!nodeId.startsWith(prefix)) continue;
    for (const m of members) mask[m.pos] = 1;
  }
  index.memo.set(key, mask);
  return mask;
}

/** Every mapping of the index (any status), grouped by node; memoised on the index. */
export function mappingsOfNodes(index: ChainIndex): ReadonlyMap<string, readonly NodeMapping[]> {
  const hit = index.memo.get('mappings') as Map<string, NodeMapping[]> | undefined;
  if (hit) return hit;
  const out = new Map<string, NodeMapping[]>();
  for (const m of index.mappings) push(out, m.nodeId, m);
  index.memo.set('mappings', out);
  return out;
}
