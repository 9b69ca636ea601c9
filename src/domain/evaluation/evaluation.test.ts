import { describe, expect, it } from 'vitest';
import type { TPerMuDocument, TTierDocument } from '../../contracts/evaluation.js';
import type { Facts } from './fields.js';
import { buildFacts } from './fields.js';
import { type EvalFirm, evaluatePerMu, whatIf } from './per-mu.js';
import { checkTransition, funnel } from './pipeline.js';
import { loadAllPublished, loadPublished } from './published.js';
import { classifyPark, outlineCentroid, parkFacts, plotInputs } from './renewal.js';
import { validateRuleSet } from './rules.js';
import { evaluateTiers, explainFailing } from './tiers.js';

const perMu = (code: 'huangyan-2023' | 'huaian-2024' | 'wuhan-default') => {
  const d = loadPublished(code).document;
  if (d.kind !== 'per_mu') throw new Error('not per_mu');
  return structuredClone(d);
};
const tier = (code: 'miit-2022' | 'miit-2026') => {
  const d = loadPublished(code).document;
  if (d.kind !== 'tier') throw new Error('not tier');
  return d as TTierDocument;
};

/** 黄岩 2023 with the benchmarks b₁…b₆ fixed, so the published formula can be applied by hand. */
function huangyanFixed(): TPerMuDocument {
  const doc = perMu('huangyan-2023');
  const b: Record<string, number> = {
    tax_per_mu: 20,
    va_per_mu: 100,
    va_per_energy: 2.5,
    va_per_emission: 5,
    labour_productivity: 10,
    rnd_share: 2,
    tax_per_power: 0.1,
  };
  for (const bk of doc.buckets)
    for (const ind of bk.indicators) ind.benchmark = { kind: 'fixed', value: b[ind.code] as number };
  // below-scale tax per mu has its own b = 2
  const below = doc.buckets.find((x) => x.code === 'below_scale');
  const tpm = below?.indicators.find((i) => i.code === 'tax_per_mu');
  if (tpm) tpm.benchmark = { kind: 'fixed', value: 2 };
  return doc;
}

const above = (id: number, f: Facts): EvalFirm => ({ id, group: '420112', facts: { aboveScale: true, ...f } });

describe('per-mu evaluation: 黄岩 2023 weights (30/20/20/10/10/10), hand-computed', () => {
  // firm 1: 30·(30/20) + 20·(80/100) + 20·(2/2.5) + [emissions: average] + 10·(8/10) + 10·(3/2) = 45+16+16+8+15 = 100 + avg
  const f1 = above(1, {
    taxWan: 300,
    landMu: 10,
    valueAddedWan: 800,
    energyTce: 400,
    emissionsT: null,
    employees: 100,
    rndWan: 60,
    revenueWan: 2000,
  });
  // firm 2: 30·(10/20) + 20·(50/100) + 20·(2/2.5) + 10·(10/5) + 10·(10/10) + 10·(2/2) = 15+10+16+20+10+10 = 81
  const f2 = above(2, {
    taxWan: 100,
    landMu: 10,
    valueAddedWan: 500,
    energyTce: 250,
    emissionsT: 50,
    employees: 50,
    rndWan: 20,
    revenueWan: 1000,
  });
  // below scale: 50·(3/2) + 50·(0.12/0.1) = 75 + 60 = 135
  const f3: EvalFirm = {
    id: 3,
    group: '420112',
    facts: { aboveScale: false, taxWan: 12, landMu: 4, electricityMwh: 100 },
  };
  const doc = huangyanFixed();
  const { results, context } = evaluatePerMu(doc, [f1, f2, f3]);
  const [r1, r2, r3] = results;

  it('scores each indicator as weight × value / benchmark', () => {
    expect(r2?.score).toBeCloseTo(81, 9);
    const c = Object.fromEntries((r2?.indicators ?? []).map((i) => [i.code, i.contribution]));
    expect(c.tax_per_mu).toBeCloseTo(15, 9);
    expect(c.va_per_mu).toBeCloseTo(10, 9);
    expect(c.va_per_energy).toBeCloseTo(16, 9);
    expect(c.va_per_emission).toBeCloseTo(20, 9);
    expect(c.labour_productivity).toBeCloseTo(10, 9);
    expect(c.rnd_share).toBeCloseTo(10, 9);
    const rnd = r2?.indicators.find((i) => i.code === 'rnd_share');
    expect(rnd?.value).toBeCloseTo(2, 9);
    expect(rnd?.benchmark).toBe(2);
    expect(rnd?.unit).toBe('%');
  });

  it('gives a firm without emission data the average score of that item', () => {
    const emis = r1?.indicators.find((i) => i.code === 'va_per_emission');
    expect(emis?.value).toBeNull();
    expect(emis?.missing).toBe('average');
    expect(emis?.contribution).toBeCloseTo(20, 9);
    expect(r1?.score).toBeCloseTo(120, 9);
  });

  it('classes by score bands (A ≥ 120, C 60–90) and scores below-scale firms by their own formula', () => {
    expect(r1?.class).toBe('A');
    expect(r2?.class).toBe('C');
    expect(r3?.bucket).toBe('below_scale');
    expect(r3?.score).toBeCloseTo(135, 9);
    expect(r3?.class).toBe('A');
  });

  it('what-if: firm 2 paying 300 万元 tax would score 111 and reach B', () => {
    const w = whatIf(doc, f2, { taxWan: 300 }, context, { score: r2?.score ?? null, bucket: 'above_scale' });
    expect(w.score).toBeCloseTo(111, 9);
    expect(w.class).toBe('B');
  });
});

describe('per-mu evaluation: 淮安 2024 shares (A 20 %, B 20–60 %, C 60–95 %, D 5 %)', () => {
  const doc = perMu('huaian-2024');
  // Last year every firm: 10 万元 tax, 100 万元 sales, 10 tce on 1 mu → benchmarks 2 × (10, 100, 10) = 20, 200, 20.
  const prev: Facts = { aboveScale: true, taxWan: 10, revenueWan: 100, energyTce: 10, landMu: 1 };
  // Firm i: tax 2i, sales 20i, 10 tce, 1 mu → 45·2i/20 + 35·20i/200 + 20·2i/20 = 4.5i + 3.5i + 2i = 10i.
  const firms: EvalFirm[] = Array.from({ length: 20 }, (_, k) => {
    const i = k + 1;
    return {
      id: i,
      group: '320800',
      facts: {
        aboveScale: true,
        ageYears: 5,
        utility: false,
        taxWan: 2 * i,
        revenueWan: 20 * i,
        energyTce: 10,
        landMu: 1,
      },
      prevFacts: prev,
    };
  });
  firms.push({ id: 21, group: '320800', facts: { aboveScale: true, utility: true, ageYears: 9 }, prevFacts: prev });
  firms.push({ id: 22, group: '320800', facts: { aboveScale: true, utility: false, ageYears: 1.5 }, prevFacts: prev });
  const { results } = evaluatePerMu(doc, firms);
  const by = new Map(results.map((r) => [r.id, r]));

  it('sets each benchmark at twice last year’s county average', () => {
    const r = by.get(10);
    expect(r?.indicators.map((i) => i.benchmark)).toEqual([20, 200, 20]);
    expect(r?.score).toBeCloseTo(100, 9);
  });

  it('classes by rank share within the county', () => {
    const cls = (i: number) => by.get(i)?.class;
    expect([20, 19, 18, 17].map(cls)).toEqual(['A', 'A', 'A', 'A']);
    expect([16, 9].map(cls)).toEqual(['B', 'B']);
    expect([8, 2].map(cls)).toEqual(['C', 'C']);
    expect(cls(1)).toBe('D');
    expect(by.get(17)?.rank).toBe(4);
    expect(by.get(17)?.groupSize).toBe(20);
  });

  it('does not assess utilities and firms younger than two years (T) and says why', () => {
    expect(by.get(21)?.class).toBe('T');
    expect(by.get(21)?.notAssessedReason?.zh).toContain('公用事业');
    expect(by.get(22)?.class).toBe('T');
    expect(by.get(22)?.notAssessedReason?.en).toContain('two years');
  });

  it('gives tied scores the same rank and class', () => {
    const tied = firms
      .slice(0, 20)
      .map((f) => (f.id === 16 ? { ...f, facts: { ...f.facts, taxWan: 34, revenueWan: 340 } } : f));
    const r = new Map(evaluatePerMu(doc, tied).results.map((x) => [x.id, x]));
    expect(r.get(16)?.score).toBeCloseTo(r.get(17)?.score ?? -1, 9);
    expect(r.get(16)?.rank).toBe(r.get(17)?.rank);
    expect(r.get(16)?.class).toBe(r.get(17)?.class);
  });
});

describe('Wuhan default (assumption)', () => {
  it('is flagged as an assumption, names its sources, and puts firms on rented land in their own list', () => {
    const rs = loadPublished('wuhan-default');
    expect(rs.assumption).toBe(true);
    expect(rs.source.title).toContain('浙政发〔2018〕5号');
    const doc = perMu('wuhan-default');
    const { results } = evaluatePerMu(doc, [
      { id: 1, group: 'x', facts: { landRented: true, aboveScale: true, taxWan: 10, landMu: 2, ageYears: 5 } },
      { id: 2, group: 'x', facts: { aboveScale: false, taxWan: 10, landMu: 5, ageYears: 5 } },
      { id: 3, group: 'x', facts: { aboveScale: false, taxWan: 10, landMu: 1, ageYears: 5 } },
      { id: 4, group: 'x', facts: { aboveScale: false, taxWan: 10, landMu: null, ageYears: 5 } },
    ]);
    expect(results.map((r) => r.bucket)).toEqual([
      'rented',
      'below_scale_3mu',
      'below_scale_small',
      'below_scale_small',
    ]);
    expect(results[3]?.class).toBe('T');
    expect(results[3]?.notAssessedReason?.zh).toContain('亩均税收');
  });
});

describe('rule-set validation', () => {
  it('accepts every shipped rule set', () => {
    for (const rs of loadAllPublished())
      expect(validateRuleSet(rs.document, { tiers: ['innovative_sme', 'specialized_sme', 'little_giant'] })).toEqual(
        [],
      );
  });

  it('refuses weights that do not sum as declared, naming the bucket, in zh and en', () => {
    const doc = perMu('huangyan-2023');
    const first = doc.buckets[0]?.indicators[0];
    if (first) first.weight = 25;
    const p = validateRuleSet(doc);
    expect(p).toHaveLength(1);
    expect(p[0]?.code).toBe('evaluation.weights_sum');
    expect(p[0]?.rule).toContain('规上企业');
    expect(p[0]?.message.zh).toContain('95');
    expect(p[0]?.message.en).toContain('declared 100');
    expect(p[0]?.path).toEqual(['document', 'buckets', 0, 'weightTotal']);
  });

  it('refuses bands with a gap or an overlap', () => {
    const gap = perMu('huangyan-2023');
    gap.bands.bands = [
      { class: 'A', from: 120, to: null },
      { class: 'B', from: 95, to: 120 },
      { class: 'C', from: 60, to: 90 },
      { class: 'D', from: 0, to: 60 },
    ];
    expect(validateRuleSet(gap).map((x) => x.code)).toEqual(['evaluation.band_gap']);
    expect(validateRuleSet(gap)[0]?.message.en).toContain('Gap between class C (to 90) and class B (from 95)');
    const overlap = perMu('huaian-2024');
    overlap.bands.bands = [
      { class: 'A', from: 0, to: 25 },
      { class: 'B', from: 20, to: 60 },
      { class: 'C', from: 60, to: 95 },
      { class: 'D', from: 95, to: 100 },
    ];
    const p = validateRuleSet(overlap);
    expect(p.map((x) => x.code)).toEqual(['evaluation.band_overlap']);
    expect(p[0]?.message.zh).toContain('重叠');
  });

  it('refuses an unknown field and a wrong unit, naming rule and field', () => {
    const doc = perMu('huangyan-2023');
    const inds = doc.buckets[0]?.indicators ?? [];
    if (inds[0]) inds[0].unit = '元/亩';
    if (inds[1]) inds[1].numerator = 'valueAdded';
    doc.notAssessed.push({
      code: 'young',
      label: { zh: '新设企业', en: 'New firms' },
      when: [{ field: 'ageYears', op: '<', value: 24, unit: '月' }],
    });
    const p = validateRuleSet(doc);
    const unit = p.filter((x) => x.code === 'evaluation.unit_mismatch');
    expect(unit.map((x) => x.field)).toEqual(['ageYears', 'taxWan/landMu']);
    expect(unit[1]?.message.zh).toContain('万元/亩');
    expect(unit[1]?.message.en).toContain('the rule says 元/亩');
    const unknown = p.find((x) => x.code === 'evaluation.unknown_field');
    expect(unknown?.field).toBe('valueAdded');
    expect(unknown?.rule).toContain('亩均增加值');
  });

  it('refuses a tier condition on an unknown field', () => {
    const doc = structuredClone(tier('miit-2026'));
    const r = doc.tiers[1]?.requirements[1];
    if (r?.condition) r.condition.field = 'nicheMonths';
    const p = validateRuleSet(doc, { tiers: ['innovative_sme', 'specialized_sme', 'little_giant'] });
    expect(p).toHaveLength(1);
    expect(p[0]?.field).toBe('nicheMonths');
    expect(p[0]?.rule).toContain('工信部企业〔2026〕2号');
  });
});

describe('tier eligibility', () => {
  // 2022 innovative SME score by hand: IP class-I (10) + R&D 3.1 % (15) = 25; growth 12 % (15) + debt 55 % on the
  // boundary (10) = 25; emerging (10) + main share 65 % (15) = 25 → 75 ≥ 60 with every group above its minimum.
  const facts: Facts = {
    ipGrade: 2,
    class1Ip: 1,
    rndSharePct: 3.1,
    rndSharePctPrev: 2.4,
    rndWan: 90,
    rndWanPrev: 80,
    revenueWan: 2900,
    revenueGrowthPct: 12,
    debtRatioPct: 55,
    strategicEmerging: true,
    mainBusinessSharePct: 65,
    nicheYears: 3,
    holdsInnovativeSme: false,
  };

  /** The tier answer with its failing conditions worded, as a reader is shown them. */
  const explained = (...a: Parameters<typeof evaluateTiers>) => {
    const o = evaluateTiers(...a);
    return { ...o, failing: o.failing.map(explainFailing) };
  };

  it('2022: qualifies as innovative SME by score and names each failing specialised-SME condition with its clause', () => {
    const o = explained(tier('miit-2022'), facts);
    expect(o.qualifies).toBe('innovative_sme');
    expect(o.next).toBe('specialized_sme');
    const rnd = o.failing.find((x) => x.requirementId === 'rnd_amount');
    expect(rnd?.value).toBe(90);
    expect(rnd?.required).toBe(100);
    expect(rnd?.clause).toContain('附件2');
    expect(rnd?.message.zh).toBe(
      '上年研发费用总额 ≥ 100 万元：90 万元 < 要求的 100 万元（《优质中小企业梯度培育管理暂行办法》（2022）附件2 专精特新中小企业认定标准（二））',
    );
    expect(o.failing.find((x) => x.requirementId === 'rnd_share')).toBeUndefined();
  });

  it('2022 innovative score: a value on a band boundary goes to the higher band', () => {
    const o = explained(tier('miit-2022'), {
      ...facts,
      mainBusinessSharePct: 40,
      strategicEmerging: false,
      debtRatioPct: 80,
    });
    // specialisation 5 + 0 = 5 < 15 and growth 15 + 0 = 15: fails only the specialisation minimum (score 60 - … )
    expect(o.qualifies).toBeNull();
    const grp = o.failing.find((x) => x.requirementId === 'score.specialisation');
    expect(grp?.value).toBe(5);
    expect(grp?.required).toBe(15);
    // the direct conditions are offered as one alternative line
    const alt = o.failing.find((x) => x.requirementId === 'direct');
    expect(alt?.alternative).toBe(true);
    expect(alt?.message.zh).toBe('或：直接认定条件（满足其一）（未满足）');
    const atBoundary = explained(tier('miit-2022'), {
      ...facts,
      rndSharePct: 5,
      ipGrade: 0,
      strategicEmerging: false,
    });
    // innovation 0 + 20 = 20 (R&D 5 % exactly → 20 points): the group minimum 20 is met
    expect(atBoundary.qualifies).toBe('innovative_sme');
  });

  it('2026: the specialised tier needs the tech & innovation title and two years of R&D', () => {
    const o = explained(tier('miit-2026'), facts);
    expect(o.qualifies).toBe('innovative_sme');
    const ids = o.failing.map((x) => x.requirementId);
    expect(ids).toEqual(['holds', 'main_share', 'rnd', 'rnd_prev', 'rnd_share_prev', 'dev_score']);
    const share = o.failing.find((x) => x.requirementId === 'rnd_share_prev');
    expect(share?.message.en).toContain('2.4 % < 3 % required');
    expect(o.failing.find((x) => x.requirementId === 'debt')?.value).toBeUndefined();
    expect(o.failing.find((x) => x.requirementId === 'dev_score')?.message.zh).toContain('无数据');
  });

  it('marks an unverified clause in the answer', () => {
    const o = explained(tier('miit-2022'), {
      ...facts,
      rndWan: 600,
      rndSharePct: 12,
      revenueWan: 5000,
      nicheYears: 5,
      holdsSpecializedSme: true,
      mainBusinessSharePct: 85,
      revenueGrowth2yAvgPct: 12,
      netMarginPct: 11,
      digitalLevel: 3,
      rndStaffPct: 25,
      rndInstitutionLevel: 3,
      qualityItems: 2,
      productFieldPoints: 5,
      ipGrade: 4,
    });
    expect(o.qualifies).toBe('specialized_sme');
    expect(o.next).toBe('little_giant');
    expect(o.failing.every((x) => !x.verified)).toBe(true);
    expect(o.failing[0]?.message.zh).toContain('条款待核实');
  });
});

describe('Hubei’s characteristics indicators (特色化, 15 points) in the 2022 specialised-SME score', () => {
  const score = () => {
    const spec = tier('miit-2022').tiers.find((t) => t.tier === 'specialized_sme');
    const route = spec?.requirements.find((r) => r.id === 'route');
    return route?.of?.find((r) => r.kind === 'score');
  };
  // By hand: specialisation 5 (share 85 %) + 10 (growth 12 %) + 2 (niche 5 years) + 3 (product field) = 20;
  // refinement 5 (digital 3) + 3 (one quality item) + 4 (margin 5 %) + 3 (debt 55 %) = 15; innovation 6 (IP
  // grade 2) + 4 (R&D ¥1.5 M → 2, or 4 % → 4: the better) + 3 (R&D staff 12 %) + 4 (city institution) = 17 → 52.
  // A valid high-tech enterprise: innovative SME by the direct route, so the specialised tier is the next one.
  const f: Facts = {
    holdsHighTech: true,
    nicheYears: 5,
    rndWan: 150,
    rndSharePct: 4,
    revenueWan: 3000,
    mainBusinessSharePct: 85,
    revenueGrowth2yAvgPct: 12,
    productFieldPoints: 3,
    digitalLevel: 3,
    qualityItems: 1,
    netMarginPct: 5,
    debtRatioPct: 55,
    ipGrade: 2,
    rndStaffPct: 12,
    rndInstitutionLevel: 2,
  };
  const explained = (facts: Facts) => {
    const o = evaluateTiers(tier('miit-2022'), facts);
    return { ...o, failing: o.failing.map(explainFailing) };
  };

  it('ships the group as data: three illustrative items of 5 points, each flagged unverified, the score out of 100', () => {
    const s = score();
    const g = s?.groups?.find((x) => x.id === 'characteristics');
    expect(g?.verified).toBe(false);
    expect(g?.items.map((i) => [i.field, i.max, i.verified])).toEqual([
      ['hubeiKeyChain', 5, false],
      ['inFeaturedCluster', 5, false],
      ['chainLeaderSupplier', 5, false],
    ]);
    for (const i of g?.items ?? []) {
      expect(i.label.zh).toContain('示例');
      expect(i.label.en).toContain('illustrative');
      expect(i.clause).toContain('特色化');
    }
    expect(s?.groups?.map((x) => x.id)).toEqual(['specialisation', 'refinement', 'characteristics', 'innovation']);
    expect(s?.groups?.flatMap((x) => x.items).reduce((a, i) => a + i.max, 0)).toBe(100);
  });

  it('without them the firm scores 52 < 60, a verified answer', () => {
    const o = explained(f);
    expect(o.qualifies).toBe('innovative_sme');
    expect(o.next).toBe('specialized_sme');
    expect(o.met.specialized_sme).toBe(false);
    const total = o.failing.find((x) => x.requirementId === 'score');
    expect(total?.value).toBe(52);
    expect(total?.verified).toBe(true);
    expect(total?.message.zh).not.toContain('待核实');
  });

  it('one illustrative item: 57 < 60, and the answer says it rests on an unverified item', () => {
    const o = explained({ ...f, hubeiKeyChain: true });
    const total = o.failing.find((x) => x.requirementId === 'score');
    expect(total?.value).toBe(57);
    expect(total?.verified).toBe(false);
    expect(total?.message.zh).toContain('条款待核实');
    expect(total?.message.en).toContain('(clause unverified)');
  });

  it('two illustrative items: 62 qualifies, but the qualification is marked as resting on unverified rules', () => {
    const o = evaluateTiers(tier('miit-2022'), { ...f, hubeiKeyChain: true, inFeaturedCluster: true });
    expect(o.qualifies).toBe('specialized_sme');
    expect(o.qualifiesVerified).toBe(false);
  });

  it('a firm reaching 60 on the verified items alone qualifies as a verified answer', () => {
    // innovation 10 (IP grade 4) + 4 + 3 + 8 (provincial institution) = 25 → 20 + 15 + 25 = 60
    const o = evaluateTiers(tier('miit-2022'), { ...f, ipGrade: 4, rndInstitutionLevel: 3, inFeaturedCluster: true });
    expect(o.qualifies).toBe('specialized_sme');
    expect(o.qualifiesVerified).toBe(true);
    expect(evaluateTiers(tier('miit-2022'), {}).qualifiesVerified).toBe(true);
  });
});

describe('facts from registry metrics', () => {
  it('derives R&D shares, growth and honours held on a date', () => {
    const f = buildFacts(
      {
        id: 1,
        foundedOn: '2020-01-01',
        industryClassCode: '4411',
        honours: [
          { tierCode: 'innovative_sme', year: 2023, validUntil: '2025-12-31' },
          { tierCode: 'high_tech', year: 2022, validUntil: '2026-12-31' },
        ],
        metrics: [
          { year: 2023, revenueWan: 1000, rndWan: 20 },
          { year: 2024, revenueWan: 1200, rndWan: 30 },
          { year: 2025, revenueWan: 1440, rndWan: 72, patentsInvention: 2 },
        ],
      },
      2025,
      '2026-03-01',
    );
    expect(f.rndSharePct).toBeCloseTo(5, 9);
    expect(f.rndSharePctPrev).toBeCloseTo(2.5, 9);
    expect(f.revenueGrowthPct).toBeCloseTo(20, 9);
    expect(f.revenueCagr2yPct).toBeCloseTo(20, 9);
    expect(f.rndWan2y).toBe(102);
    expect(f.holdsInnovativeSme).toBe(false);
    expect(f.holdsHighTech).toBe(true);
    expect(f.utility).toBe(true);
    expect(f.class1Ip).toBe(2);
    expect(f.ipGrade).toBe(2);
    expect(f.ageYears).toBeGreaterThan(6);
  });
});

describe('park renewal', () => {
  const doc = loadPublished('renewal-default').document;
  if (doc.kind !== 'renewal') throw new Error('not renewal');
  it('classes a park by the first rule that holds and shows the values that decided', () => {
    const old = parkFacts(
      {
        id: 1,
        classes: ['A', 'C', 'D'],
        outputWan: 4000,
        landMu: 100,
        vacantM2: 100,
        unitM2: 1000,
        buildingYears: [1998, 2002],
      },
      100,
      2025,
    );
    expect(old.landOutputRatio).toBeCloseTo(0.4, 9);
    expect(old.buildingAgeYears).toBe(25);
    const c = classifyPark(doc, old);
    expect(c.mode).toBe('replace_park');
    expect(c.because).toEqual([
      { field: 'buildingAgeYears', op: '>=', value: 20, actual: 25 },
      { field: 'landOutputRatio', op: '<', value: 0.5, actual: 0.4 },
    ]);
    const dHeavy = parkFacts(
      {
        id: 2,
        classes: ['D', 'B', 'B', 'B'],
        outputWan: 9000,
        landMu: 100,
        vacantM2: 0,
        unitM2: 1000,
        buildingYears: [2015],
      },
      100,
      2025,
    );
    expect(classifyPark(doc, dHeavy).mode).toBe('replace_firms');
    const fine = parkFacts(
      { id: 3, classes: ['A', 'B'], outputWan: 9000, landMu: 100, vacantM2: 0, unitM2: 1000, buildingYears: [2015] },
      100,
      2025,
    );
    expect(classifyPark(doc, fine).mode).toBe('retain');
  });

  it('classes a plot by the same rules, its output shared among the plots a firm is on by area', () => {
    // Firm 1 (D, output 3000) is on plots 10 (30 mu) and 11 (10 mu); firm 2 (A, 1000) on plot 11 only;
    // firm 3 is not assessed for this reader (no class) and counts nowhere.
    const classes = new Map([
      [1, 'D'],
      [2, 'A'],
    ]);
    const output = new Map([
      [1, 3000],
      [2, 1000],
      [3, 99999],
    ]);
    const [a, b] = plotInputs(
      [
        { id: 10, areaMu: 30, firmIds: [1, 3], vacantM2: 0, unitM2: 1000, buildingYears: [1990] },
        { id: 11, areaMu: 10, firmIds: [1, 2, 2], vacantM2: 500, unitM2: 1000, buildingYears: [2015] },
      ],
      classes,
      output,
    );
    expect(a).toMatchObject({ id: 10, classes: ['D'], landMu: 30 });
    expect(a?.outputWan).toBeCloseTo(2250, 9);
    expect(b).toMatchObject({ id: 11, classes: ['D', 'A'], landMu: 10 });
    expect(b?.outputWan).toBeCloseTo(1750, 9);
    // Zone: 100 万元 per mu. Plot 10: 75 per mu (ratio 0.75), one D firm of one (100 %), 35-year-old building.
    const fa = parkFacts(a as NonNullable<typeof a>, 100, 2025);
    expect(fa.landOutputRatio).toBeCloseTo(0.75, 9);
    expect(classifyPark(doc, fa).mode).toBe('replace_firms');
    const fb = parkFacts(b as NonNullable<typeof b>, 100, 2025);
    expect(fb).toMatchObject({ dSharePct: 50, vacancyPct: 50, buildingAgeYears: 10, assessedFirms: 2 });
    expect(classifyPark(doc, fb).because.every((x) => x.actual !== null)).toBe(true);
    // An old plot with low output is redeveloped, as a park would be.
    const old = parkFacts({ ...(a as NonNullable<typeof a>), classes: ['A'], outputWan: 300 }, 100, 2025);
    expect(classifyPark(doc, old).mode).toBe('replace_park');
  });

  it('draws a plot at the centroid of its outline, closed or open, and at the mean of a degenerate ring', () => {
    const square: [number, number][] = [
      [114, 30],
      [114.02, 30],
      [114.02, 30.01],
      [114, 30.01],
    ];
    const c = outlineCentroid(square);
    expect(c?.lng).toBeCloseTo(114.01, 9);
    expect(c?.lat).toBeCloseTo(30.005, 9);
    const closed = outlineCentroid([...square, [114, 30]]);
    expect(closed?.lng).toBeCloseTo(114.01, 9);
    // An L-shaped ring: two 2-unit rectangles centred at (1, 0.5) and (0.5, 2) → (0.75, 1.25); the mean of
    // its corners would be (1, 1.33).
    const l = outlineCentroid([
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
    ]);
    expect(l?.lng).toBeCloseTo(0.75, 9);
    expect(l?.lat).toBeCloseTo(1.25, 9);
    expect(
      outlineCentroid([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual({ lng: 2, lat: 3 });
    expect(outlineCentroid(null)).toBeNull();
  });
});

describe('incubation pipeline', () => {
  it('counts the funnel by institution and the median days between stages', () => {
    const t = [
      { enterpriseId: 1, stage: 'lab' as const, occurredOn: '2024-01-01', institutionId: 7 },
      { enterpriseId: 1, stage: 'incubator' as const, occurredOn: '2024-07-01', institutionId: 8 },
      { enterpriseId: 1, stage: 'park' as const, occurredOn: '2025-07-01', institutionId: null },
      { enterpriseId: 2, stage: 'lab' as const, occurredOn: '2024-03-01', institutionId: 7 },
      { enterpriseId: 2, stage: 'incubator' as const, occurredOn: '2024-04-01', institutionId: null },
      { enterpriseId: 3, stage: 'incubator' as const, occurredOn: '2024-05-01', institutionId: 8 },
    ];
    const rows = funnel(t, (o) => String(o?.institutionId ?? ''));
    const r7 = rows.find((r) => r.key === '7');
    expect(r7?.reached).toEqual({ lab: 2, incubator: 2, accelerator: 1, park: 1 });
    expect(r7?.medianDays.lab).toBe((182 + 31) / 2);
    expect(rows.find((r) => r.key === '8')?.reached).toEqual({ lab: 0, incubator: 1, accelerator: 0, park: 0 });
    expect(checkTransition(t, { enterpriseId: 2, stage: 'park', occurredOn: '2024-02-01', institutionId: null })).toBe(
      'backwards',
    );
    expect(checkTransition(t, { enterpriseId: 2, stage: 'lab', occurredOn: '2024-02-01', institutionId: null })).toBe(
      'duplicate',
    );
    expect(
      checkTransition(t, { enterpriseId: 2, stage: 'park', occurredOn: '2025-02-01', institutionId: null }),
    ).toBeNull();
  });
});
