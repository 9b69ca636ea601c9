/**
 * What a set of programme targets must satisfy beyond its fields' types (the contract checks those):
 * each target's metric from the known list, with a positive value in that metric's unit (whole numbers
 * for counts, within a plausible ceiling); a scope that exists; a period whose end is not before its
 * start; a source document unless it is marked illustrative; codes unique within the set.
 */
import { SPACE_METRICS, type TTargetInput } from '../../contracts/space.js';

type Metric = (typeof SPACE_METRICS)[number];

/** Each metric's unit and bounds: counts are whole, and a value past the ceiling is a wrong unit. */
export const METRIC_UNITS: Record<Metric, { zh: string; en: string; whole: boolean; max: number }> = {
  upstairs_area_m2: { zh: 'm²', en: 'm²', whole: false, max: 1e9 },
  new_output_wan: { zh: '万元', en: '10,000 yuan', whole: false, max: 1e10 },
  new_above_scale_firms: { zh: '家', en: 'firms', whole: true, max: 1e5 },
  factory_volume_m3: { zh: 'm³', en: 'm³', whole: false, max: 1e10 },
  parks_built: { zh: '个', en: 'parks', whole: true, max: 1e4 },
};

export interface TargetProblem {
  index: number;
  field: keyof TTargetInput;
  code:
    | 'space.duplicate_target'
    | 'space.target_metric'
    | 'space.target_value'
    | 'space.scope_required'
    | 'space.unknown_scope'
    | 'space.target_source'
    | 'date_order'
    | 'reference_not_found';
  zh: string;
  en: string;
}

/** What exists in the registry for a target to name: region codes, park codes and source ids. */
export interface TargetRefs {
  districts: ReadonlySet<string>;
  parks: ReadonlySet<string>;
  sources: ReadonlySet<string>;
}

export function checkTargetSet(targets: readonly TTargetInput[], refs: TargetRefs): TargetProblem[] {
  const out: TargetProblem[] = [];
  const seen = new Set<string>();
  targets.forEach((t, index) => {
    const name = { zh: `目标“${t.label}”（${t.code}）`, en: `target “${t.labelEn ?? t.label}” (${t.code})` };
    const push = (field: keyof TTargetInput, code: TargetProblem['code'], zh: string, en: string) =>
      out.push({ index, field, code, zh: `${name.zh}${zh}`, en: `${name.en} ${en}` });
    if (seen.has(t.code))
      push('code', 'space.duplicate_target', '的代码与前面的目标重复', "repeats an earlier target's code");
    seen.add(t.code);
    if (!(SPACE_METRICS as readonly string[]).includes(t.metric)) {
      push('metric', 'space.target_metric', '的指标不在已知指标之列', 'names a metric that is not in the known list');
    } else {
      const u = METRIC_UNITS[t.metric];
      if (!(t.value > 0) || (u.whole && !Number.isInteger(t.value)))
        push(
          'value',
          'space.target_value',
          `：目标值须为${u.whole ? '正整数' : '正数'}，以${u.zh}计`,
          `: the value must be a positive ${u.whole ? 'whole number' : 'number'} in ${u.en}`,
        );
      else if (t.value > u.max)
        push(
          'value',
          'space.target_value',
          `：目标值以${u.zh}计，${t.value} 超出合理范围，疑似单位填错`,
          `: the value is in ${u.en}; ${t.value} is beyond any programme — a wrong unit?`,
        );
    }
    if (t.scopeKind !== 'city') {
      const code = t.scopeCode?.trim() ?? '';
      const known = t.scopeKind === 'district' ? refs.districts : refs.parks;
      if (!code)
        push('scopeCode', 'space.scope_required', '须填写范围代码', 'needs the code of its district, zone or park');
      else if (!known.has(code))
        push(
          'scopeCode',
          'space.unknown_scope',
          `的范围“${code}”在登记库中不存在`,
          `names a ${t.scopeKind === 'district' ? 'district' : 'zone or park'} “${code}” the registry does not hold`,
        );
    }
    if (t.periodEnd < t.periodStart) push('periodEnd', 'date_order', '的结束日期早于开始日期', 'ends before it starts');
    const src = t.sourceId?.trim() ?? '';
    if (!src && !t.synthetic)
      push(
        'sourceId',
        'space.target_source',
        '未标为示例，须注明来源文件',
        'is not marked illustrative, so it must cite its source document',
      );
    else if (src && !refs.sources.has(src))
      push('sourceId', 'reference_not_found', `的来源“${src}”不存在`, `cites a source “${src}” that does not exist`);
  });
  return out;
}
