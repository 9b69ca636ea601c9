import { describe, expect, it } from 'vitest';
import type { TTargetInput } from '../../contracts/space.js';
import { checkTargetSet } from './targets.js';

const refs = { districts: new Set(['420112']), parks: new Set(['dxh-park']), sources: new Set(['seed-000']) };
const target = (over: Partial<TTargetInput> = {}): TTargetInput => ({
  code: 'wuhan-area',
  metric: 'upstairs_area_m2',
  scopeKind: 'city',
  scopeCode: null,
  periodStart: '2024-01-01',
  periodEnd: '2025-12-31',
  value: 2_000_000,
  label: '建成工业楼宇200万平方米',
  labelEn: '2 million m² of industrial buildings',
  sourceId: 'seed-000',
  sourceNote: null,
  synthetic: false,
  ...over,
});
const fields = (ts: TTargetInput[]) => checkTargetSet(ts, refs).map((p) => `${p.index}.${p.field}:${p.code}`);

describe('checkTargetSet', () => {
  it('accepts sourced targets and an illustrative one without a source', () => {
    expect(fields([target(), target({ code: 'demo', sourceId: null, synthetic: true })])).toEqual([]);
  });

  it('names the field of each problem, in zh and en', () => {
    const ps = checkTargetSet(
      [
        target(),
        target({ metric: 'new_above_scale_firms', value: 2.5 }),
        target({ code: 'b', scopeKind: 'district', scopeCode: '999999', periodEnd: '2023-01-01', sourceId: null }),
        target({ code: 'c', scopeKind: 'park', scopeCode: null, value: -1, sourceId: 'nope' }),
        target({ code: 'd', value: 5e12 }),
        target({ code: 'e', metric: 'bogus' as never }),
      ],
      refs,
    );
    expect(ps.map((p) => `${p.index}.${p.field}:${p.code}`)).toEqual([
      '1.code:space.duplicate_target',
      '1.value:space.target_value',
      '2.scopeCode:space.unknown_scope',
      '2.periodEnd:date_order',
      '2.sourceId:space.target_source',
      '3.value:space.target_value',
      '3.scopeCode:space.scope_required',
      '3.sourceId:reference_not_found',
      '4.value:space.target_value',
      '5.metric:space.target_metric',
    ]);
    expect(ps[1]!.en).toContain('positive whole number in firms');
    expect(ps[1]!.zh).toContain('正整数');
    expect(ps[8]!.en).toContain('wrong unit');
    expect(ps[4]!.zh).toContain('须注明来源文件');
  });
});
