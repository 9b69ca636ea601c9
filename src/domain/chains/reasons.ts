/** Bilingual reason objects of the chain engine: one builder per code, so the wording lives in one place. */
import type { GapReasonCode, LeaderReasonCode, Reason, WeakReasonCode } from './types.js';

/** A number for a sentence: integers as they are, others with at most two decimals. */
export const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));
const pct = (share: number) => `${fmt(share * 100)}%`;

export const weakReasons = {
  belowMinCount: (count: number, min: number): Reason<WeakReasonCode> => ({
    code: 'below_min_count',
    zh: `本地企业 ${count} 家，少于 ${min} 家`,
    en: `${count} local firm${count === 1 ? '' : 's'}, fewer than ${min}`,
    value: count,
    threshold: min,
  }),
  belowMinOutput: (outputWan: number, min: number): Reason<WeakReasonCode> => ({
    code: 'below_min_output',
    zh: `本地产值 ${fmt(outputWan)} 万元，低于 ${fmt(min)} 万元`,
    en: `Local output ${fmt(outputWan)} (10k CNY), below ${fmt(min)}`,
    value: outputWan,
    threshold: min,
  }),
  allSmall: (count: number): Reason<WeakReasonCode> => ({
    code: 'all_small',
    zh: `${count} 家本地企业均为小型或微型企业`,
    en: `All ${count} local firm${count === 1 ? ' is' : 's are'} small or micro`,
    value: count,
  }),
  singleSupplier: (id: number, name: string, share: number | null): Reason<WeakReasonCode> => ({
    code: 'single_supplier',
    zh: share === null ? `仅有一家本地企业（${name}）` : `依赖单一企业：${name} 占本地产值 ${pct(share)}`,
    en:
      share === null
        ? `Rests on a single local firm (${name})`
        : `Rests on a single firm: ${name} makes ${pct(share)} of the local output`,
    ...(share === null ? {} : { value: share }),
    refs: [id],
  }),
  childMissing: (ids: string[], names: string[]): Reason<WeakReasonCode> => ({
    code: 'child_missing',
    zh: `缺失子环节：${names.join('、')}`,
    en: `Missing sub-segments: ${ids.join(', ')}`,
    value: ids.length,
    refs: ids,
  }),
  childWeak: (ids: string[], names: string[]): Reason<WeakReasonCode> => ({
    code: 'child_weak',
    zh: `薄弱子环节：${names.join('、')}`,
    en: `Weak sub-segments: ${ids.join(', ')}`,
    value: ids.length,
    refs: ids,
  }),
};

export const leaderReasons = {
  flag: (): Reason<LeaderReasonCode> => ({
    code: 'flag',
    zh: '登记为链主企业',
    en: 'Flagged as a chain leader in the registry',
  }),
  confirmed: (): Reason<LeaderReasonCode> => ({
    code: 'confirmed',
    zh: '已由人工确认为本链链主',
    en: 'Confirmed as a leader of this chain by a person',
  }),
  largeScale: (): Reason<LeaderReasonCode> => ({ code: 'large_scale', zh: '大型企业', en: 'Large enterprise' }),
  topOutputShare: (share: number, min: number): Reason<LeaderReasonCode> => ({
    code: 'top_output_share',
    zh: `产值占本链本地产值 ${pct(share)}（≥ ${pct(min)}）`,
    en: `${pct(share)} of the chain's local output (≥ ${pct(min)})`,
    value: share,
    threshold: min,
  }),
  chainLinks: (partners: number, min: number): Reason<LeaderReasonCode> => ({
    code: 'chain_links',
    zh: `本链上下游伙伴 ${partners} 家（≥ ${min}）`,
    en: `${partners} in-chain suppliers and customers (≥ ${min})`,
    value: partners,
    threshold: min,
  }),
};

export const gapReasons = {
  fitConfirmed: (): Reason<GapReasonCode> => ({
    code: 'fit_confirmed',
    zh: '已确认属于该环节',
    en: 'Confirmed as a firm of this segment',
    value: 1,
  }),
  fitSuggested: (confidence: number, evidence: string[]): Reason<GapReasonCode> => ({
    code: 'fit_suggested',
    zh: `推荐匹配该环节（置信度 ${pct(confidence)}：${evidence.length ? evidence.join('；') : '已存推荐'}）`,
    en: `Suggested for this segment (confidence ${pct(confidence)}: ${evidence.length ? evidence.join('; ') : 'stored suggestion'})`,
    value: confidence,
  }),
  largeScale: (scale: string): Reason<GapReasonCode> => ({
    code: 'large_scale',
    zh: scale === 'large' ? '大型企业' : '中型企业',
    en: scale === 'large' ? 'Large enterprise' : 'Medium-sized enterprise',
  }),
  output: (outputWan: number): Reason<GapReasonCode> => ({
    code: 'output',
    zh: `年产值 ${fmt(outputWan)} 万元`,
    en: `Annual output ${fmt(outputWan)} (10k CNY)`,
    value: outputWan,
  }),
  tier: (tiers: readonly string[]): Reason<GapReasonCode> => ({
    code: 'tier',
    zh: `梯度培育与荣誉：${tiers.join('、')}`,
    en: `Tiers and honours: ${tiers.join(', ')}`,
    refs: [...tiers],
  }),
  growth: (growth: number): Reason<GapReasonCode> => ({
    code: 'growth',
    zh: `营收增长 ${pct(growth)}`,
    en: `Revenue growth ${pct(growth)}`,
    value: growth,
  }),
  suppliesLocalLeader: (names: string[], ids: number[], amountWan: number): Reason<GapReasonCode> => ({
    code: 'supplies_local_leader',
    zh: `已为本地链主供货：${names.join('、')}${amountWan > 0 ? `（${fmt(amountWan)} 万元/年）` : ''}（以商招商）`,
    en: `Already supplies local chain leader${names.length === 1 ? '' : 's'} ${names.join(', ')}${amountWan > 0 ? ` (${fmt(amountWan)} ×10k CNY a year)` : ''}`,
    value: amountWan,
    refs: ids,
  }),
  suppliesLocalChain: (count: number): Reason<GapReasonCode> => ({
    code: 'supplies_local_chain',
    zh: `已为 ${count} 家本地本链企业供货`,
    en: `Already supplies ${count} local firm${count === 1 ? '' : 's'} of this chain`,
    value: count,
  }),
};
