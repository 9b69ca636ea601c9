/**
 * 工业上楼 rules as data: which process may go to which floor by floor load, vibration, equipment
 * weight and freight elevator. The defaults below are the first version loaded into
 * space_rule_sets; the loads follow GB 50009-2012 Appendix D (slab, span ≥ 2.0 m) where the
 * process has a row there, and the floor limits follow the illustrative bands of the research
 * notes (§3.4: F1 heavy, F2–F5 8–12 kN/m², F6+ 5–8 kN/m²), which are typical practice and not
 * taken from a retrieved Wuhan guideline (marked `illustrative`).
 */
import type { TReason, TUpstairsRule } from '../../contracts/space.js';

const GB = 'GB 50009-2012《建筑结构荷载规范》附录 D 工业建筑楼面活荷载（板，跨度 ≥ 2.0 m）';
const BANDS = '工业厂房常见设计值示意区间（常见做法，非武汉实施方案原文）';

export const DEFAULT_RULES: TUpstairsRule[] = [
  {
    process: 'metalworking_heavy',
    nameZh: '金工车间（一类）',
    nameEn: 'Metalworking, class 1',
    minFloorLoadKnM2: 14,
    maxFloor: 1,
    maxVibrationUmS: null,
    maxEquipmentKn: 200,
    minElevatorT: 5,
    source: `${GB}：金工一类 14.0；楼层上限按 ${BANDS}`,
    illustrative: true,
  },
  {
    process: 'metalworking_light',
    nameZh: '金工车间（四类）',
    nameEn: 'Metalworking, class 4',
    minFloorLoadKnM2: 8,
    maxFloor: 5,
    maxVibrationUmS: null,
    maxEquipmentKn: 30,
    minElevatorT: 3,
    source: `${GB}：金工四类 8.0；楼层上限按 ${BANDS}`,
    illustrative: true,
  },
  {
    process: 'semiconductor_heavy',
    nameZh: '半导体器件车间（最重设备 14–18 kN）',
    nameEn: 'Semiconductor devices, heaviest tool 14–18 kN',
    minFloorLoadKnM2: 8,
    maxFloor: 5,
    maxVibrationUmS: 50,
    maxEquipmentKn: 18,
    minElevatorT: 3,
    source: `${GB}：半导体器件车间 14–18 kN 设备 8.0；楼层与振动上限为示意`,
    illustrative: true,
  },
  {
    process: 'semiconductor_light',
    nameZh: '半导体器件车间（设备 ≤ 3 kN）',
    nameEn: 'Semiconductor devices, tools ≤ 3 kN',
    minFloorLoadKnM2: 4,
    maxFloor: null,
    maxVibrationUmS: 50,
    maxEquipmentKn: 3,
    minElevatorT: 2,
    source: `${GB}：半导体器件车间 ≤ 3 kN 设备 4.0`,
    illustrative: true,
  },
  {
    process: 'optical_machining',
    nameZh: '光学加工、较大型光学仪器装配',
    nameEn: 'Optical machining, larger optical instrument assembly',
    minFloorLoadKnM2: 5,
    maxFloor: 12,
    maxVibrationUmS: 100,
    maxEquipmentKn: 10,
    minElevatorT: 2,
    source: `${GB}：光学加工 5.0；楼层上限为示意`,
    illustrative: true,
  },
  {
    process: 'precision_assembly',
    nameZh: '一般光学/电子装配（台面作业）',
    nameEn: 'General optical or electronic assembly on benches',
    minFloorLoadKnM2: 4,
    maxFloor: null,
    maxVibrationUmS: 200,
    maxEquipmentKn: 3,
    minElevatorT: 1,
    source: `${GB}：一般光学仪器装配 4.0`,
    illustrative: true,
  },
  {
    process: 'medical_devices',
    nameZh: '医疗器械生产（中试、装配、洁净）',
    nameEn: 'Medical devices (pilot lines, assembly, clean rooms)',
    minFloorLoadKnM2: 8,
    maxFloor: 12,
    maxVibrationUmS: 100,
    maxEquipmentKn: 15,
    minElevatorT: 2,
    source: `${BANDS}：F2–F5 8–12 kN/m² 适合医疗器械；深圳坪山生物医药加速器 1.2 t/m²、2 × 3 t 货梯（深圳晚报/OFweek 报道）`,
    illustrative: true,
  },
  {
    process: 'nev_parts',
    nameZh: '新能源汽车零部件（重载）',
    nameEn: 'NEV components (heavy)',
    minFloorLoadKnM2: 12,
    maxFloor: 3,
    maxVibrationUmS: null,
    maxEquipmentKn: 100,
    minElevatorT: 5,
    source:
      '深圳坪山新能源汽车产业园 F1–F3 2.5 t/m²（约 24.5 kN/m²），货车直达 F3（深圳晚报 2023-03-14）；12 kN/m² 下限为示意',
    illustrative: true,
  },
  {
    process: 'rnd_office',
    nameZh: '研发、设计、软件与办公',
    nameEn: 'R&D, design, software and offices',
    minFloorLoadKnM2: 2.5,
    maxFloor: null,
    maxVibrationUmS: null,
    maxEquipmentKn: 2,
    minElevatorT: 0,
    source: 'GB 50009-2012 表 5.1.1 办公楼 2.5 kN/m²（示意）',
    illustrative: true,
  },
];

export interface RuleFloor {
  floorNo: number;
  floorLoadKnM2: number | null;
  vibrationUmS: number | null;
  truckAccess: boolean;
}

/**
 * Why a floor does not suit a process under a rule (empty: it suits). Elevator capacity only
 * counts above the truck-access floors, where goods arrive by lift.
 */
export function ruleReasons(rule: TUpstairsRule, floor: RuleFloor, elevatorT: number | null): TReason[] {
  const out: TReason[] = [];
  if (rule.maxFloor !== null && floor.floorNo > rule.maxFloor)
    out.push({
      rule: 'upstairs.maxFloor',
      zh: `工艺“${rule.nameZh}”最高 ${rule.maxFloor} 层，此处为 ${floor.floorNo} 层`,
      en: `${rule.nameEn} may go up to floor ${rule.maxFloor}; this is floor ${floor.floorNo}`,
    });
  if (floor.floorLoadKnM2 === null || floor.floorLoadKnM2 < rule.minFloorLoadKnM2)
    out.push({
      rule: 'upstairs.floorLoad',
      zh: `楼板荷载 ${fmt(floor.floorLoadKnM2)} kN/m² < 工艺要求 ${rule.minFloorLoadKnM2}`,
      en: `Floor load ${fmt(floor.floorLoadKnM2)} kN/m² < ${rule.minFloorLoadKnM2} the process needs`,
    });
  if (rule.maxVibrationUmS !== null && floor.vibrationUmS !== null && floor.vibrationUmS > rule.maxVibrationUmS)
    out.push({
      rule: 'upstairs.vibration',
      zh: `楼面振动 ${floor.vibrationUmS} µm/s > 工艺允许 ${rule.maxVibrationUmS}`,
      en: `Floor vibration ${floor.vibrationUmS} µm/s > ${rule.maxVibrationUmS} the process tolerates`,
    });
  if (!floor.truckAccess && rule.minElevatorT > 0 && (elevatorT ?? 0) < rule.minElevatorT)
    out.push({
      rule: 'upstairs.elevator',
      zh: `货梯 ${fmt(elevatorT)} t < 工艺要求 ${rule.minElevatorT} t（非货车直达层）`,
      en: `Freight elevator ${fmt(elevatorT)} t < ${rule.minElevatorT} t the process needs (no truck access)`,
    });
  return out;
}

/** The highest floor of a building where a process fits under its rule (null: none). */
export function highestFloorFor(
  rule: TUpstairsRule,
  floors: readonly RuleFloor[],
  elevatorT: number | null,
): number | null {
  let best: number | null = null;
  for (const f of floors)
    if (ruleReasons(rule, f, elevatorT).length === 0 && (best === null || f.floorNo > best)) best = f.floorNo;
  return best;
}

/** Checks a rule set for duplicate process codes; returns the index of each duplicate. */
export function duplicateProcesses(rules: readonly TUpstairsRule[]): number[] {
  const seen = new Set<string>();
  const dup: number[] = [];
  rules.forEach((r, i) => {
    if (seen.has(r.process)) dup.push(i);
    seen.add(r.process);
  });
  return dup;
}

/** A problem with one rule of a rule set: the rule (index, process, names), the field and why. */
export interface RuleProblem {
  index: number;
  field: 'process' | 'source';
  code: 'space.duplicate_process' | 'space.rule_process_code' | 'space.rule_source';
  zh: string;
  en: string;
}

/**
 * What a rule set must satisfy beyond its fields' ranges (the contract checks those): process codes
 * are unique identifiers (lower-case letters, digits, underscores: needs and tenants name them), and
 * a rule not marked illustrative cites where its values come from.
 */
export function checkRuleSet(rules: readonly TUpstairsRule[]): RuleProblem[] {
  const out: RuleProblem[] = [];
  const dup = new Set(duplicateProcesses(rules));
  rules.forEach((r, index) => {
    const name = { zh: `规则“${r.nameZh}”（${r.process}）`, en: `rule “${r.nameEn}” (${r.process})` };
    if (dup.has(index))
      out.push({
        index,
        field: 'process',
        code: 'space.duplicate_process',
        zh: `${name.zh}的工艺代码与前面的规则重复`,
        en: `${name.en} repeats an earlier rule's process code`,
      });
    if (!/^[a-z][a-z0-9_]*$/.test(r.process))
      out.push({
        index,
        field: 'process',
        code: 'space.rule_process_code',
        zh: `${name.zh}：工艺代码只能用小写字母、数字和下划线，并以字母开头`,
        en: `${name.en}: a process code uses lower-case letters, digits and underscores, starting with a letter`,
      });
    if (!r.illustrative && r.source.trim().length === 0)
      out.push({
        index,
        field: 'source',
        code: 'space.rule_source',
        zh: `${name.zh}未标为示意，须注明数值来源`,
        en: `${name.en} is not marked illustrative, so it must cite its source`,
      });
  });
  return out;
}

export const fmt = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : String(Math.round(v * 100) / 100);
