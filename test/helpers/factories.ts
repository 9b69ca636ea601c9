/** Factories for API inputs, with overrides; unique codes per call. */
import type { TBuildingInput, TEnterpriseInput, TParkInput } from '../../src/contracts/registry.js';
import { makeUscc } from '../../src/domain/uscc.js';

let seq = 0;
const next = () => ++seq;
const ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function makePark(overrides: Partial<TParkInput> = {}): TParkInput {
  const n = next();
  return { code: `park-${n}`, name: `测试园区${n}`, kind: 'characteristic_park', regionCode: '420112', ...overrides };
}

export function makeBuilding(parkId: number, overrides: Partial<TBuildingInput> = {}): TBuildingInput {
  const n = next();
  return { parkId, code: `B${n}`, name: `${n}号楼`, type: 'high_rise_factory', floorsAbove: 10, ...overrides };
}

/** A credit code that passes its check, unique per call. */
export function makeCreditCode(areaCode = '420112'): string {
  let n = next() + 1000;
  let body = '';
  for (let i = 0; i < 8; i++) {
    body = ALPHA[n % 31] + body;
    n = Math.floor(n / 31);
  }
  return makeUscc(areaCode, body);
}

export function makeEnterprise(overrides: Partial<TEnterpriseInput> = {}): TEnterpriseInput {
  const n = next();
  return { name: `测试企业${n}有限公司`, creditCode: makeCreditCode(), industryClassCode: '3976', ...overrides };
}
