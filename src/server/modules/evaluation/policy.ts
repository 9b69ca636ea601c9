/**
 * Who sees and changes what of evaluation. Results and tier answers are confidential like the figures
 * they come from: their rows follow the read scope of enterprise metrics, and their scores, classes,
 * indicator values and failing conditions reach only those who see that firm's metrics (registry.ts
 * `metrics`): the city, a zone for its firms, an enterprise for itself. Aggregates (park and zone
 * distributions, land output, renewal classes, candidate lists) are for the city and zones only.
 */

import { POLICIES, parkScope, type ResourcePolicy } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';

const cityWide = (a: Actor) => a.role === 'city_admin' || a.role === 'city_analyst';
const zone = (a: Actor) => a.role === 'district_user' || a.role === 'park_operator';
const admin = (a: Actor) => a.role === 'city_admin' && !a.readOnly;

/** Confidential parts of a firm's evaluation result. */
export const RESULT_CONFIDENTIAL = ['class', 'score', 'rank', 'groupSize', 'indicators', 'adjustments'] as const;
/** Confidential parts of a firm's tier answer (the failing conditions carry its figures). */
export const TIER_CONFIDENTIAL = ['qualifies', 'qualifiesVerified', 'next', 'failing', 'score'] as const;
/**
 * Confidential parts of a plot's renewal answer: its facts come from the firms on it (a plot held by one firm
 * gives away that firm's output per mu and class), so they follow the metrics' rule, with the plot's holder
 * as the firm. The register itself (code, area, land use, holder, outline) is public like the park's.
 */
export const PLOT_CONFIDENTIAL = ['facts', 'mode', 'rule'] as const;

/** Rows and secrets like enterprise metrics (select exposes t.enterprise_id; rows carry enterpriseId). */
const likeMetrics = (confidential: readonly string[]): ResourcePolicy => ({
  read: (a, q) => POLICIES.metrics.read(a, q),
  write: () => false,
  create: () => false,
  confidential,
  seesConfidential: (a, row) => POLICIES.metrics.seesConfidential(a, row),
});

/**
 * Plots read like their park (a zone its parks); changed by the city, a district in its parks and a park
 * operator in its own parks (their land register); read-only accounts change nothing.
 */
const landPlots: ResourcePolicy = {
  read: (a, q) => (zone(a) ? `t.park_id in ${parkScope(a, q)}` : null),
  write: (a, q) => (admin(a) ? null : zone(a) && !a.readOnly ? `t.park_id in ${parkScope(a, q)}` : false),
  create: (a) => (admin(a) || (zone(a) && !a.readOnly) ? 'scoped' : false),
  confidential: PLOT_CONFIDENTIAL,
  seesConfidential: (a, row) => POLICIES.metrics.seesConfidential(a, { enterpriseId: row.ownerEnterpriseId }),
};

const publicWrittenBy = (writes: (a: Actor) => boolean): ResourcePolicy => ({
  read: () => null,
  write: (a) => (writes(a) ? null : false),
  create: (a) => (writes(a) ? 'scoped' : false),
  confidential: [],
  seesConfidential: () => true,
});

export const EVALUATION_POLICIES: Record<string, ResourcePolicy> = {
  'evaluation-results': likeMetrics(RESULT_CONFIDENTIAL),
  'evaluation-tiers': likeMetrics(TIER_CONFIDENTIAL),
  'evaluation-rule-sets': publicWrittenBy(admin),
  'land-plots': landPlots,
  'renewal-projects': publicWrittenBy((a) => admin(a) || (a.role === 'district_user' && !a.readOnly)),
  'lifecycle-transitions': publicWrittenBy((a) => admin(a) || (zone(a) && !a.readOnly)),
};

export const EVALUATION_FEATURES = {
  /** Start an evaluation run (city-wide work). */
  'evaluation.run': admin,
  /** Draft and publish rule-set versions. */
  'evaluation.rules': admin,
  /** Park and zone distributions, land output, rankings, renewal classes, tier candidate lists. */
  'evaluation.aggregates': (a: Actor) => cityWide(a) || zone(a),
  /** Renewal projects of a district (plots: the 'land-plots' policy). */
  'evaluation.renewal': (a: Actor) => admin(a) || (a.role === 'district_user' && !a.readOnly),
  /** Keep the land register: record, change, remove and import plots (which parks: 'land-plots'). */
  'evaluation.plots': (a: Actor) => admin(a) || (zone(a) && !a.readOnly),
  /** Record a firm's stage in the incubation pipeline. */
  'evaluation.pipeline': (a: Actor) => admin(a) || (zone(a) && !a.readOnly),
  /** Send re-review reminders for expiring honours. */
  'evaluation.remind': admin,
} satisfies Record<`evaluation.${string}`, (a: Actor) => boolean>;

export const EVALUATION_ERRORS = {
  'evaluation.weights_sum': { zh: '权重之和与声明不符', en: 'The weights do not sum as declared' },
  'evaluation.band_gap': { zh: '分档有空档', en: 'The bands leave a gap' },
  'evaluation.band_overlap': { zh: '分档重叠', en: 'The bands overlap' },
  'evaluation.band_bounds': { zh: '分档上下限颠倒', en: 'A band ends before it starts' },
  'evaluation.unknown_field': { zh: '规则引用了未知字段', en: 'A rule names an unknown field' },
  'evaluation.unit_mismatch': { zh: '单位不符', en: 'Wrong unit' },
  'evaluation.value_type': { zh: '比较值类型不符', en: 'The value has the wrong type' },
  'evaluation.duplicate_code': { zh: '代码重复', en: 'A code is used twice' },
  'evaluation.plot_place': { zh: '地块须有边界或坐标点', en: 'A plot needs an outline or a point' },
  'evaluation.coordinate_pair': { zh: '经度和纬度须同时填写', en: 'Give both longitude and latitude' },
  'evaluation.unknown_tier': { zh: '未知的梯度', en: 'Unknown tier' },
  'evaluation.empty_rule': { zh: '规则为空', en: 'An empty rule' },
  'evaluation.published_immutable': {
    zh: '已发布的规则集不能原地修改，请另存为新版本',
    en: 'A published rule set is never edited in place: save a new version',
  },
  'evaluation.wrong_kind': { zh: '规则集类型不符', en: 'A rule set of another kind' },
  'evaluation.not_published': { zh: '规则集尚未发布', en: 'The rule set is not published' },
  'evaluation.transition_order': {
    zh: '阶段日期须按 实验室→孵化器→加速器→园区 的顺序，且每个阶段只记一次',
    en: 'Stages are dated in the order lab → incubator → accelerator → park, each once',
  },
  'evaluation.future_date': { zh: '日期不能晚于今天', en: 'The date cannot be later than today' },
  'evaluation.unknown_reference': { zh: '引用的记录不存在', en: 'The record referred to does not exist' },
} as const;
