/**
 * The chain-health score: five parts, each a value in 0..1 with a weight, so a person can see why
 * a chain scores what it does.
 *
 *   key_links   mean over key-link (★) nodes of: a segment 1 if covered else 0; a ★ group the share
 *               of its children covered (partial credit). Detail: whole key links covered / key links,
 *               and the partial credit apart ("2 / 7 (+0.3)"), never a fraction of a link.
 *   coverage    covered segments / segments (group nodes excluded)
 *   strength    strong segments / covered segments            (no value when nothing is covered)
 *   leaders     min(1, leaders / leadersTarget)
 *   supporting  mean local supporting share of the leaders (`supportingShare`: by amount when any amount
 *               is known, else by supplier count); no value when no leader has any supplier link
 *
 *   score = 100 × Σ weight × value / Σ weight, both sums over the parts that have a value;
 *   a part without a value gets 0 points and its weight is shared by the others.
 */
import type { ChainThresholds } from './thresholds.js';
import type { ChainLeader, ChainScore, NodeHealth, ScorePart, ScorePartCode, SupportingRate } from './types.js';

/** On what a supporting share rests: purchase amounts, or (when no amount is known) supplier counts. */
export type SupportingBasis = 'amount' | 'count';

/**
 * The one definition of a local supporting share, used by the score and by every view of a leader:
 * by amount when any purchase amount is known, otherwise the share of local suppliers among all
 * supplier links (by count, labelled so), otherwise none.
 */
export function supportingShare(s: SupportingRate): { value: number | null; basis: SupportingBasis | null } {
  if (s.rate !== null) return { value: s.rate, basis: 'amount' };
  const all = s.links + s.unknownAmountLinks;
  if (all === 0) return { value: null, basis: null };
  return { value: (s.localLinks + s.unknownAmountLocalLinks) / all, basis: 'count' };
}

const LABELS: Record<ScorePartCode, { zh: string; en: string }> = {
  key_links: { zh: '关键环节覆盖', en: 'Key links covered' },
  coverage: { zh: '环节覆盖率', en: 'Segments covered' },
  strength: { zh: '已覆盖环节强度', en: 'Strength of covered segments' },
  leaders: { zh: '链主企业', en: 'Chain leaders' },
  supporting: { zh: '链主本地配套率', en: "Leaders' local supporting rate" },
};

const round1 = (x: number) => Math.round(x * 10) / 10;
const ratio = (a: number, b: number) => `${Number.isInteger(a) ? a : round1(a)} / ${b}`;

/** The score of one chain from its node health and leaders (see the module comment for the formula). */
export function chainScore(
  nodes: readonly NodeHealth[],
  leaders: readonly ChainLeader[],
  th: ChainThresholds,
): ChainScore {
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const segments = nodes.filter((n) => !n.group);
  const covered = segments.filter((n) => n.status !== 'missing');
  const strong = covered.filter((n) => n.status === 'strong');

  const keyNodes = nodes.filter((n) => n.keyLink);
  let keySum = 0;
  let keyFull = 0;
  for (const n of keyNodes) {
    const credit =
      n.group && n.children.length
        ? n.children.filter((id) => byId.get(id)?.status !== 'missing').length / n.children.length
        : n.status === 'missing'
          ? 0
          : 1;
    keySum += credit;
    if (credit === 1) keyFull++;
  }
  const partial = round1(keySum - keyFull);
  const shares = leaders.map((l) => supportingShare(l.supporting)).filter((x) => x.value !== null);
  const byAmount = shares.filter((x) => x.basis === 'amount').length;
  const rateSum = shares.reduce((s, x) => s + (x.value ?? 0), 0);
  const w = th.scoreWeights;

  const raw: [ScorePartCode, number, number | null, string, Record<string, number>][] = [
    [
      'key_links',
      w.keyLinks,
      keyNodes.length ? keySum / keyNodes.length : null,
      `${keyFull} / ${keyNodes.length}${partial > 0 ? ` (+${partial})` : ''}`,
      { full: keyFull, of: keyNodes.length, partial },
    ],
    [
      'coverage',
      w.coverage,
      segments.length ? covered.length / segments.length : null,
      ratio(covered.length, segments.length),
      { n: covered.length, of: segments.length },
    ],
    [
      'strength',
      w.strength,
      covered.length ? strong.length / covered.length : null,
      ratio(strong.length, covered.length),
      { n: strong.length, of: covered.length },
    ],
    [
      'leaders',
      w.leaders,
      Math.min(1, leaders.length / Math.max(1, th.leadersTarget)),
      `min(1, ${leaders.length} / ${th.leadersTarget})`,
      { n: leaders.length, target: th.leadersTarget },
    ],
    [
      'supporting',
      w.supporting,
      shares.length ? rateSum / shares.length : null,
      shares.length
        ? `mean of ${shares.length} leader share${shares.length === 1 ? '' : 's'} (${byAmount} by amount, ${shares.length - byAmount} by count)`
        : 'no leader with supplier links',
      { n: shares.length, byAmount, byCount: shares.length - byAmount },
    ],
  ];
  const totalWeight = raw.reduce((s, [, weight, value]) => s + (value === null ? 0 : weight), 0);
  const parts: ScorePart[] = raw.map(([code, weight, value, detail, params]) => ({
    code,
    ...LABELS[code],
    weight,
    value,
    points: value === null || totalWeight === 0 ? 0 : (100 * weight * value) / totalWeight,
    detail,
    params,
  }));
  return { value: round1(parts.reduce((s, p) => s + p.points, 0)), parts };
}
