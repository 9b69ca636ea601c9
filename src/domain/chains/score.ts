/**
 * The chain-health score: five parts, each a value in 0..1 with a weight, so a person can see why
 * a chain scores what it does.
 *
 *   key_links   mean over key-link (★) nodes of: a segment 1 if covered else 0; a ★ group the share
 *               of its children covered
 *   coverage    covered segments / segments (group nodes excluded)
 *   strength    strong segments / covered segments            (no value when nothing is covered)
 *   leaders     min(1, leaders / leadersTarget)
 *   supporting  mean local supporting rate of the leaders that have purchases with a known amount
 *               (no value when none has)
 *
 *   score = 100 × Σ weight × value / Σ weight, both sums over the parts that have a value;
 *   a part without a value gets 0 points and its weight is shared by the others.
 */
import type { ChainThresholds } from './thresholds.js';
import type { ChainLeader, ChainScore, NodeHealth, ScorePart, ScorePartCode } from './types.js';

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
  for (const n of keyNodes) {
    if (n.group && n.children.length) {
      keySum += n.children.filter((id) => byId.get(id)?.status !== 'missing').length / n.children.length;
    } else keySum += n.status === 'missing' ? 0 : 1;
  }
  const rated = leaders.filter((l) => l.supporting.rate !== null);
  const rateSum = rated.reduce((s, l) => s + (l.supporting.rate ?? 0), 0);
  const w = th.scoreWeights;

  const raw: [ScorePartCode, number, number | null, string][] = [
    ['key_links', w.keyLinks, keyNodes.length ? keySum / keyNodes.length : null, ratio(keySum, keyNodes.length)],
    [
      'coverage',
      w.coverage,
      segments.length ? covered.length / segments.length : null,
      ratio(covered.length, segments.length),
    ],
    [
      'strength',
      w.strength,
      covered.length ? strong.length / covered.length : null,
      ratio(strong.length, covered.length),
    ],
    [
      'leaders',
      w.leaders,
      Math.min(1, leaders.length / Math.max(1, th.leadersTarget)),
      `min(1, ${leaders.length} / ${th.leadersTarget})`,
    ],
    [
      'supporting',
      w.supporting,
      rated.length ? rateSum / rated.length : null,
      rated.length
        ? `mean of ${rated.length} leader rate${rated.length === 1 ? '' : 's'}`
        : 'no leader with known purchases',
    ],
  ];
  const totalWeight = raw.reduce((s, [, weight, value]) => s + (value === null ? 0 : weight), 0);
  const parts: ScorePart[] = raw.map(([code, weight, value, detail]) => ({
    code,
    ...LABELS[code],
    weight,
    value,
    points: value === null || totalWeight === 0 ? 0 : (100 * weight * value) / totalWeight,
    detail,
  }));
  return { value: round1(parts.reduce((s, p) => s + p.points, 0)), parts };
}
