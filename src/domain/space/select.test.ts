import { describe, expect, it } from 'vitest';
import { ZSiteNeed } from '../../contracts/space.js';
import { DEFAULT_RULES, highestFloorFor } from './rules.js';
import { type SiteContext, type SiteUnit, selectSites } from './select.js';

const unit = (over: Partial<SiteUnit>): SiteUnit => ({
  unitId: 1,
  unitCode: '101',
  floorId: 1,
  floorNo: 1,
  buildingId: 1,
  buildingName: 'B1',
  parkId: 1,
  parkName: 'P1',
  status: 'vacant',
  areaM2: 1000,
  seq: 1,
  floorLoadKnM2: 10,
  clearHeightM: 5,
  powerKva: 200,
  exhaust: true,
  waterDrainage: true,
  cleanRoomIso: null,
  vibrationUmS: null,
  hazardousAllowed: false,
  elevatorT: 3,
  elevatorCarWidthM: 2,
  elevatorCarDepthM: 3,
  truckAccess: false,
  availableFrom: null,
  availableUntil: null,
  askingRentYuanM2Month: 30,
  lat: 30.5,
  lng: 114.4,
  synthetic: true,
  ...over,
});
const ctx: SiteContext = {
  chainTenantsByBuilding: new Map([[2, 3]]),
  chainTenantsByPark: new Map(),
  neighboursByBuilding: new Map(),
  neighboursByPark: new Map(),
  leader: null,
  today: '2026-01-01',
};
const need = (x: object) => ZSiteNeed.parse(x);

describe('site selection', () => {
  it('rules out a unit whose floor load is too low, saying so in zh and en', () => {
    const s = selectSites([unit({ floorLoadKnM2: 5 })], need({ areaMinM2: 500, floorLoadKnM2: 8 }), null, ctx);
    expect(s.results).toEqual([]);
    expect(s.ruledOut[0]!.reasons[0]).toEqual({
      rule: 'floorLoadKnM2',
      zh: '楼板荷载 5 kN/m² < 8',
      en: 'Floor load 5 kN/m² < 8',
    });
    expect(s.counts.floorLoadKnM2).toBe(1);
  });

  it('combines adjacent vacant units on one floor to reach the area, but not across a gap', () => {
    const units = [
      unit({ unitId: 1, unitCode: '101', seq: 1, areaM2: 600 }),
      unit({ unitId: 2, unitCode: '102', seq: 2, areaM2: 500 }),
      unit({ unitId: 3, unitCode: '104', seq: 4, areaM2: 700 }),
    ];
    const s = selectSites(units, need({ areaMinM2: 1000 }), null, ctx);
    expect(s.results.map((r) => r.units.map((u) => u.unitCode))).toEqual([['101', '102']]);
    expect(s.results[0]!.fits[0]!.en).toContain('2 adjacent units');
    expect(s.ruledOut.map((o) => o.unit.unitCode)).toEqual(['104']);
    expect(s.ruledOut[0]!.reasons[0]!.rule).toBe('areaMinM2');
  });

  it('applies the 工业上楼 rule of the process and the truck-access floor', () => {
    const rule = DEFAULT_RULES.find((r) => r.process === 'nev_parts')!;
    const units = [
      unit({ unitId: 1, floorNo: 1, floorLoadKnM2: 20, truckAccess: true, elevatorT: 1 }),
      unit({ unitId: 2, floorId: 2, floorNo: 6, floorLoadKnM2: 20, elevatorT: 1 }),
    ];
    const s = selectSites(units, need({ areaMinM2: 500, process: 'nev_parts' }), rule, ctx);
    expect(s.results.map((r) => r.units[0]!.unitId)).toEqual([1]);
    const rules = s.ruledOut[0]!.reasons.map((r) => r.rule);
    expect(rules).toEqual(expect.arrayContaining(['upstairs.maxFloor', 'upstairs.elevator']));
    expect(highestFloorFor(rule, [{ floorNo: 1, floorLoadKnM2: 20, vibrationUmS: null, truckAccess: true }], 1)).toBe(
      1,
    );
  });

  it('ranks chain neighbours in the building first and says why', () => {
    const units = [
      unit({ unitId: 1, buildingId: 1 }),
      unit({ unitId: 2, floorId: 2, buildingId: 2, buildingName: 'B2' }),
    ];
    const s = selectSites(units, need({ areaMinM2: 500, chainCode: 'bd' }), null, ctx);
    expect(s.results[0]!.units[0]!.buildingId).toBe(2);
    expect(s.results[0]!.fits.find((f) => f.rule === 'chain')!.zh).toContain('本楼 3 家');
  });

  it('refuses an impossible need naming the field', () => {
    expect(ZSiteNeed.safeParse({ areaMinM2: -5 }).error!.issues[0]!.path).toEqual(['areaMinM2']);
    expect(ZSiteNeed.safeParse({ areaMinM2: 100, clearHeightM: 300 }).error!.issues[0]!.path).toEqual(['clearHeightM']);
    expect(ZSiteNeed.safeParse({ areaMinM2: 100, floorLoadKnM2: 800 }).error!.issues[0]!.path).toEqual([
      'floorLoadKnM2',
    ]);
  });
});
