/**
 * Labels and colours for the closed vocabularies in contracts/enums.ts. Texts come from
 * contracts/labels.ts (ENUM_LABELS, shared with the import templates and exports, so a code reads
 * the same in the UI and in a spreadsheet); this module picks the current language and owns the
 * colour palette, so a chain or a stage has the same colour on every page and chart.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ENUM_LABELS, type EnumGroup } from '../../contracts/labels';
import type { TTier } from '../client/types';
import {
  BUILDING_TYPES,
  CHAIN_CODES,
  CHAIN_STAGES,
  ENTERPRISE_SCALES,
  FLOOR_FEATURES,
  INSTITUTION_KINDS,
  LIFECYCLE_STAGES,
  PARK_KINDS,
  PARK_LEVELS,
  PARK_STATUSES,
  UNIT_STATUSES,
} from '../client/types';

type EnumGroups = typeof ENUM_LABELS;

export type { EnumGroup };

type EnumCode<G extends EnumGroup> = keyof EnumGroups[G] & string;

/** Codes in their canonical order (contracts/enums.ts); the type demands a label for each. */
export const ENUM_VALUES: { [G in EnumGroup]: readonly EnumCode<G>[] } = {
  parkKind: PARK_KINDS,
  parkLevel: PARK_LEVELS,
  parkStatus: PARK_STATUSES,
  buildingType: BUILDING_TYPES,
  floorFeature: FLOOR_FEATURES,
  unitStatus: UNIT_STATUSES,
  scale: ENTERPRISE_SCALES,
  lifecycle: LIFECYCLE_STAGES,
  chainStage: CHAIN_STAGES,
  chain: CHAIN_CODES,
  institutionKind: INSTITUTION_KINDS,
  honourLevel: ['national', 'provincial', 'municipal', 'other'],
  sourceStatus: ['verified', 'unverified', 'synthetic'],
};

export const CHAIN_COLORS: Record<string, string> = {
  oe: '#1677ff',
  nev: '#13a8a8',
  lh: '#eb2f96',
  he: '#595959',
  bd: '#d4380d',
  sec: '#2f54eb',
  ei: '#722ed1',
  st: '#08979c',
  nm: '#52c41a',
  sp: '#0050b3',
  ai: '#9254de',
  im: '#d48806',
  food: '#ad6800',
  logistics: '#7cb305',
  software: '#c41d7f',
};
export const OTHER_COLOR = '#8c8c8c';

/** Stage colours follow the chain top-down: upstream (chips, materials) cool, downstream warm. */
export const STAGE_COLORS: Record<string, string> = {
  upstream: '#531dab',
  midstream: '#1677ff',
  downstream: '#08979c',
};

const DIVISION_PALETTE = [
  '#1677ff',
  '#fa541c',
  '#13a8a8',
  '#722ed1',
  '#eb2f96',
  '#52c41a',
  '#faad14',
  '#2f54eb',
  '#a0d911',
  '#c41d7f',
  '#0050b3',
  '#d4380d',
  '#389e0d',
  '#531dab',
  '#d48806',
  '#08979c',
];

/** A stable colour for an industry division (the first two digits of a GB/T 4754 code). */
export function divisionColor(division: string | null | undefined): string {
  if (!division) return OTHER_COLOR;
  const n = Number.parseInt(division, 10);
  return DIVISION_PALETTE[(Number.isFinite(n) ? n : division.charCodeAt(0)) % DIVISION_PALETTE.length] ?? OTHER_COLOR;
}

export const chainColor = (code: string | null | undefined): string => (code && CHAIN_COLORS[code]) || OTHER_COLOR;
export const stageColor = (stage: string | null | undefined): string => (stage && STAGE_COLORS[stage]) || OTHER_COLOR;

export function isEnumValue<G extends EnumGroup>(group: G, v: string | null | undefined): v is EnumCode<G> {
  return !!v && Object.hasOwn(ENUM_LABELS[group], v);
}

/** The zh or en label of a code; unknown codes (a newer server than web) are shown raw, not hidden. */
export function enumLabel(group: EnumGroup, v: string, en: boolean): string {
  if (!isEnumValue(group, v)) return v;
  const l: { zh: string; en: string } = ENUM_LABELS[group][v];
  return en ? l.en : l.zh;
}

/**
 * Wuhan's districts in English (pinyin, as the city writes them). The registry keeps Chinese names
 * only; keyed by GB/T 2260 code.
 */
const DISTRICT_EN: Record<string, string> = {
  '420102': "Jiang'an",
  '420103': 'Jianghan',
  '420104': 'Qiaokou',
  '420105': 'Hanyang',
  '420106': 'Wuchang',
  '420107': 'Qingshan',
  '420111': 'Hongshan',
  '420112': 'Dongxihu',
  '420113': 'Hannan',
  '420114': 'Caidian',
  '420115': 'Jiangxia',
  '420116': 'Huangpi',
  '420117': 'Xinzhou',
};

/** Label helpers bound to the current language. */
export function useLabels() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const none = t('common.none');
  return useMemo(() => {
    const label = (group: EnumGroup, v: string | null | undefined): string => (v ? enumLabel(group, v, en) : none);
    const options = (group: EnumGroup) => ENUM_VALUES[group].map((v) => ({ value: v, label: label(group, v) }));
    const tierName = (tier: TTier | undefined, code: string): string =>
      tier ? (en ? tier.nameEn : tier.nameZh) : code;
    /** Pick the English or Chinese variant of a record's name. */
    const pickName = (zh: string, enName: string | null | undefined): string => (en && enName ? enName : zh);
    /** A district's name in the current language (Chinese names come from the registry). */
    const districtName = (code: string | null | undefined, zh: string | null | undefined): string =>
      (en && code && DISTRICT_EN[code.trim()]) || zh || none;
    /** Who made a change: a user's name, or the system / the demo loader by a label, never their codes. */
    const actorName = (by: string | null | undefined): string =>
      !by ? none : by === 'system' ? t('audit.system') : by === 'demo' || by === 'demo data' ? t('audit.via.demo') : by;
    return { label, options, tierName, pickName, districtName, actorName, en };
  }, [en, none, t]);
}
