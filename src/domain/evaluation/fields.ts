/**
 * The fields a rule may speak of, each with its unit and where it comes from, and buildFacts(): one
 * firm's flat record for a year from its registry metrics (this year and the two before), the
 * evaluation facts the registry does not hold, its honours and its registration. A rule naming a
 * field outside this list, or giving a value in another unit, is refused (rules.ts).
 */

export type FieldKind = 'number' | 'boolean';
export interface FieldDef {
  unit: string;
  kind: FieldKind;
  zh: string;
  en: string;
  /** Figures from the firm's confidential metrics (or derived from them). */
  confidential: boolean;
}

const n = (unit: string, zh: string, en: string, confidential = true): FieldDef => ({
  unit,
  kind: 'number',
  zh,
  en,
  confidential,
});
const b = (zh: string, en: string, confidential = false): FieldDef => ({
  unit: '',
  kind: 'boolean',
  zh,
  en,
  confidential,
});

export const FIELDS = {
  // registry metrics of the year (enterprise_metrics, units in its column names)
  revenueWan: n('万元', '营业收入', 'Revenue'),
  outputWan: n('万元', '产值', 'Output'),
  valueAddedWan: n('万元', '增加值', 'Value added'),
  taxWan: n('万元', '税收', 'Tax paid'),
  rndWan: n('万元', '研发费用', 'R&D expense'),
  rndStaff: n('人', '研发人员', 'R&D staff'),
  employees: n('人', '从业人员', 'Employees'),
  energyTce: n('tce', '综合能耗', 'Energy use'),
  emissionsT: n('t', '主要污染物排放', 'Emissions'),
  landMu: n('亩', '用地面积', 'Land', false),
  patentsInvention: n('件', '发明专利', 'Invention patents', false),
  // facts kept by this module (evaluation_facts)
  electricityMwh: n('MWh', '用电量', 'Electricity use'),
  landRented: b('租赁用地', 'On rented land'),
  debtRatioPct: n('%', '资产负债率', 'Debt ratio'),
  mainBusinessSharePct: n('%', '主营业务收入占比', 'Main-business share of revenue'),
  nicheYears: n('年', '从事细分市场年限', 'Years in the niche market', false),
  class1Ip: n('件', 'Ⅰ类知识产权', 'Class-I IP'),
  class1IpHighValue: n('件', '高价值Ⅰ类知识产权', 'High-value class-I IP'),
  class1IpSelf: n('件', '自主研发Ⅰ类知识产权', 'Self-developed class-I IP'),
  class2Ip: n('件', 'Ⅱ类知识产权', 'Class-II IP'),
  ipGrade: n(
    '级',
    '知识产权档次（4高价值Ⅰ类 3自主Ⅰ类 2Ⅰ类 1Ⅱ类 0无）',
    'IP grade (4 high-value class-I … 0 none)',
    false,
  ),
  rndInstitutionLevel: n(
    '级',
    '研发机构级别（4国家 3省 2市 1区县 0无）',
    'R&D institution level (4 national … 0 none)',
    false,
  ),
  equityFinancing2yWan: n('万元', '近2年新增股权融资', 'New equity financing, last 2 years'),
  equityFinancing3yWan: n('万元', '近3年新增股权融资', 'New equity financing, last 3 years'),
  awardRecent3y: b('近3年获省级以上科技奖励', 'National or provincial S&T award in the last 3 years'),
  awardProvincialTop3: b('省级科技奖励前三名', 'Provincial award, top 3'),
  awardNationalTop3: b('国家级科技奖励前三名', 'National award, top 3'),
  strategicEmerging: b('主导产品属战略性新兴产业目录', 'Main product in the strategic emerging industries catalogue'),
  digitalLevel: n('级', '数字化水平等级', 'Digitalisation level', false),
  qualityItems: n('项', '质量管理（获奖、认证、品牌、标准）', 'Quality management items', false),
  productFieldPoints: n(
    '分',
    '产品领域（补短板5、基础/老字号/链主配套3）',
    'Product field points (gap-filling 5, basics 3)',
    false,
  ),
  netMarginPct: n('%', '净利润率', 'Net margin'),
  marketSharePct: n('%', '细分市场全国占有率', 'National niche market share'),
  nationalTop3: b('细分市场全国前三', 'National top 3 in its niche'),
  keyChainLink: b('主导产品属工业基础或重点产业链关键环节', 'Main product in industrial basics or a key chain link'),
  ownBrand: b('拥有自主品牌', 'Own brand'),
  devScore: n('分', '发展评价得分', 'Development-evaluation score'),
  // province-specific characteristics (特色化) indicators: Hubei's are not confirmed (illustrative items)
  hubeiKeyChain: b('主导产品属湖北省重点产业链', 'Main product in one of Hubei’s key industrial chains'),
  inFeaturedCluster: b('位于省级以上中小企业特色产业集群', 'In a provincial or national featured SME cluster'),
  chainLeaderSupplier: b('为产业链链主企业直接配套', 'Direct supplier of a chain leader'),
  // derived from the registry
  aboveScale: b('规模以上企业', 'Above designated size'),
  ageYears: n('年', '成立年限', 'Years since founding', false),
  utility: b('公用事业（电力、燃气、水）', 'Utility (power, gas, water)'),
  revenueWanPrev: n('万元', '上年营业收入', 'Revenue, the year before'),
  rndWanPrev: n('万元', '上年研发费用', 'R&D expense, the year before'),
  rndSharePct: n('%', '研发费用占营业收入比重', 'R&D / revenue'),
  rndSharePctPrev: n('%', '上年研发费用占比', 'R&D / revenue, the year before'),
  rndWan2y: n('万元', '近2年研发费用合计', 'R&D expense, last 2 years'),
  rndStaffPct: n('%', '研发人员占比', 'R&D staff share'),
  revenueGrowthPct: n('%', '营业收入增长率', 'Revenue growth'),
  revenueGrowth2yAvgPct: n('%', '近2年营业收入平均增长率', 'Average revenue growth, 2 years'),
  revenueCagr2yPct: n('%', '近2年营业收入复合增长率', 'Revenue compound growth, 2 years'),
  holdsInnovativeSme: b('已获创新型中小企业称号', 'Holds the innovative SME title'),
  holdsSpecializedSme: b('已获专精特新中小企业称号', 'Holds the specialised SME title'),
  holdsLittleGiant: b('已获专精特新“小巨人”称号', 'Holds the little giant title'),
  holdsHighTech: b('有效期内高新技术企业', 'Valid high-tech enterprise'),
} satisfies Record<string, FieldDef>;

export type FieldName = keyof typeof FIELDS;
export const isField = (f: string): f is FieldName => Object.hasOwn(FIELDS, f);
export type Facts = Partial<Record<FieldName, number | boolean | null>>;

/** One year of registry metrics (enterprise_metrics, camelCase). */
export interface MetricYear {
  year: number;
  revenueWan?: number | null;
  outputWan?: number | null;
  valueAddedWan?: number | null;
  taxWan?: number | null;
  rndWan?: number | null;
  rndStaff?: number | null;
  employees?: number | null;
  energyTce?: number | null;
  emissionsT?: number | null;
  landMu?: number | null;
  patentsInvention?: number | null;
}

export interface Honour {
  tierCode: string;
  year: number;
  validUntil?: string | null | undefined;
}

export interface FirmInput {
  id: number;
  foundedOn?: string | null;
  industryClassCode?: string | null;
  honours: Honour[];
  metrics: MetricYear[];
  /** evaluation_facts by year */
  facts?: Record<number, Facts>;
}

const pct = (num: number | null | undefined, den: number | null | undefined): number | null =>
  num == null || den == null || den <= 0 ? null : (num / den) * 100;
const growth = (cur: number | null | undefined, prev: number | null | undefined): number | null =>
  cur == null || prev == null || prev <= 0 ? null : (cur / prev - 1) * 100;

/** Whether an honour is held on a date: awarded by that year and not expired. */
export function holds(honours: readonly Honour[], tier: string, on: string): boolean {
  const year = Number(on.slice(0, 4));
  return honours.some((h) => h.tierCode === tier && h.year <= year && (h.validUntil == null || h.validUntil >= on));
}

/**
 * The firm's facts for `year`, as of the date `on` (honours held then, age then). Registry metrics
 * of `year` come first; a fact of evaluation_facts for that year fills or overrides the rest.
 */
export function buildFacts(firm: FirmInput, year: number, on: string): Facts {
  // Hot path (100 k firms, twice each): no Map, one object literal (one hidden class), one pass over honours.
  let cur: MetricYear | undefined;
  let prev: MetricYear | undefined;
  let prev2: MetricYear | undefined;
  for (const m of firm.metrics) {
    if (m.year === year) cur = m;
    else if (m.year === year - 1) prev = m;
    else if (m.year === year - 2) prev2 = m;
  }
  const onYear = yearOf(on);
  let innovative = false;
  let specialized = false;
  let giant = false;
  let highTech = false;
  let aboveScaleHonour = false;
  for (const h of firm.honours) {
    if (!(h.year <= onYear && (h.validUntil == null || h.validUntil >= on))) continue;
    switch (h.tierCode) {
      case 'innovative_sme':
        innovative = true;
        break;
      case 'specialized_sme':
        specialized = true;
        break;
      case 'little_giant':
        giant = true;
        break;
      case 'high_tech':
        highTech = true;
        break;
      case 'above_scale':
        aboveScaleHonour = true;
        break;
    }
  }
  const g1 = growth(cur?.revenueWan, prev?.revenueWan);
  const g2 = growth(prev?.revenueWan, prev2?.revenueWan);
  const division = firm.industryClassCode?.slice(0, 2);
  // Registry metrics of the year (absent, not null, when the year has no row). Written out, not through a
  // closure: tsx keeps function names, which costs a call per closure made (100 k firms, twice each).
  const c = cur;
  const f: Facts = {
    revenueWan: c ? (c.revenueWan ?? null) : undefined,
    outputWan: c ? (c.outputWan ?? null) : undefined,
    valueAddedWan: c ? (c.valueAddedWan ?? null) : undefined,
    taxWan: c ? (c.taxWan ?? null) : undefined,
    rndWan: c ? (c.rndWan ?? null) : undefined,
    rndStaff: c ? (c.rndStaff ?? null) : undefined,
    employees: c ? (c.employees ?? null) : undefined,
    energyTce: c ? (c.energyTce ?? null) : undefined,
    emissionsT: c ? (c.emissionsT ?? null) : undefined,
    landMu: c ? (c.landMu ?? null) : undefined,
    patentsInvention: c ? (c.patentsInvention ?? null) : undefined,
    revenueWanPrev: prev?.revenueWan ?? null,
    rndWanPrev: prev?.rndWan ?? null,
    rndSharePct: pct(cur?.rndWan, cur?.revenueWan),
    rndSharePctPrev: pct(prev?.rndWan, prev?.revenueWan),
    rndWan2y: cur?.rndWan != null && prev?.rndWan != null ? cur.rndWan + prev.rndWan : null,
    rndStaffPct: pct(cur?.rndStaff, cur?.employees),
    revenueGrowthPct: g1,
    revenueGrowth2yAvgPct: g1 != null && g2 != null ? (g1 + g2) / 2 : null,
    revenueCagr2yPct:
      cur?.revenueWan != null && prev2?.revenueWan != null && prev2.revenueWan > 0
        ? (Math.sqrt(cur.revenueWan / prev2.revenueWan) - 1) * 100
        : null,
    holdsInnovativeSme: innovative,
    holdsSpecializedSme: specialized,
    holdsLittleGiant: giant,
    holdsHighTech: highTech,
    // Above designated size: the honour, or industrial main-business revenue ≥ ¥20 M (2 000 万元).
    aboveScale: aboveScaleHonour || (cur?.revenueWan ?? 0) >= 2000,
    ageYears: firm.foundedOn ? (dayMs(on) - dayMs(firm.foundedOn)) / (365.25 * 86_400_000) : null,
    // GB/T 4754 divisions 44–46: production and supply of power, heat, gas and water.
    utility: division === '44' || division === '45' || division === '46',
    landRented: false,
  };
  const extra = firm.facts?.[year];
  if (extra)
    for (const k in extra) {
      const x = extra[k as FieldName];
      if (x !== undefined && isField(k)) f[k] = x;
    }
  // Invention patents are class-I IP: the registry's count stands in when no IP facts were recorded.
  if (f.class1Ip == null && typeof f.patentsInvention === 'number') f.class1Ip = f.patentsInvention;
  if (f.ipGrade == null) f.ipGrade = ipGrade(f);
  return f;
}

/** Date.parse of a date string, remembering the last few (the same `on` and founding dates recur). */
const DAY_CACHE = new Map<string, number>();
function dayMs(d: string): number {
  let t = DAY_CACHE.get(d);
  if (t === undefined) {
    t = Date.parse(d);
    if (DAY_CACHE.size > 50_000) DAY_CACHE.clear();
    DAY_CACHE.set(d, t);
  }
  return t;
}
const yearOf = (on: string) => Number(on.slice(0, 4));

/** The 2022 measures' IP ladder as a grade: 4 high-value class-I, 3 self-developed class-I, 2 class-I, 1 class-II. */
export function ipGrade(f: Facts): number {
  if (atLeastOne(f.class1IpHighValue)) return 4;
  if (atLeastOne(f.class1IpSelf)) return 3;
  if (atLeastOne(f.class1Ip)) return 2;
  if (atLeastOne(f.class2Ip)) return 1;
  return 0;
}
const atLeastOne = (v: unknown) => typeof v === 'number' && v >= 1;
