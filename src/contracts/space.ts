/**
 * Space for 工业上楼 (issue 13, DESIGN.md M5): vacancy and listings, unit specifications, site
 * selection needs and results, the 工业上楼 rules, floor plans and programme targets. Units are in
 * the field names: areas m², loads kN/m² (1 t/m² ≈ 9.8 kN/m²), heights m, power kVA, elevator
 * capacity t, rent 元/m²/月. Bounds are physical: a clear height above 30 m or a floor load above
 * 100 kN/m² is refused naming the field (a load of 800 is kg/m², not kN/m²).
 */
import { z } from 'zod';
import { zText } from './auth.js';
import { CHAIN_CODES } from './enums.js';
import { idParam, int32 } from './limits.js';
import { ZDocVersionSummary } from './versioned-doc.js';

const isoDate = z.iso.date().describe('ISO date, YYYY-MM-DD');

/** Physical bounds of the fields, shared with the web forms (numberBounds). */
export const SPACE_LIMITS = {
  areaM2: { min: 1, max: 1_000_000 },
  floorLoadKnM2: { min: 0.5, max: 100 },
  clearHeightM: { min: 2, max: 30 },
  powerKva: { min: 0, max: 100_000 },
  elevatorT: { min: 0, max: 50 },
  carM: { min: 0.5, max: 10 },
  rent: { min: 0, max: 10_000 },
  floor: { min: 1, max: 200 },
} as const;

const area = () => z.number().min(SPACE_LIMITS.areaM2.min).max(SPACE_LIMITS.areaM2.max).describe('m²');
const load = () =>
  z
    .number()
    .min(SPACE_LIMITS.floorLoadKnM2.min)
    .max(SPACE_LIMITS.floorLoadKnM2.max, { message: 'space.load_unit' })
    .describe('kN/m² (1 t/m² ≈ 9.8 kN/m²; 800 kg/m² ≈ 7.8 kN/m²)');
const height = () =>
  z
    .number()
    .min(SPACE_LIMITS.clearHeightM.min)
    .max(SPACE_LIMITS.clearHeightM.max, { message: 'space.clear_height' })
    .describe('m');
const power = () => z.number().min(SPACE_LIMITS.powerKva.min).max(SPACE_LIMITS.powerKva.max).describe('kVA');
const tonnes = () => z.number().min(SPACE_LIMITS.elevatorT.min).max(SPACE_LIMITS.elevatorT.max).describe('t');
const carM = () => z.number().min(SPACE_LIMITS.carM.min).max(SPACE_LIMITS.carM.max).describe('m');
const rent = () => z.number().min(SPACE_LIMITS.rent.min).max(SPACE_LIMITS.rent.max).describe('元/m²/月');
const floorNo = () => z.number().int().min(SPACE_LIMITS.floor.min).max(SPACE_LIMITS.floor.max);

export const ISO_CLEAN_CLASSES = [5, 6, 7, 8] as const;

/* ---------- 工业上楼 rules ---------- */

export const ZUpstairsRule = z
  .object({
    process: zText(1, 64).describe('Process code, e.g. precision_assembly'),
    nameZh: zText(1, 100),
    nameEn: zText(1, 100),
    minFloorLoadKnM2: load().describe('Floor live load the process needs, kN/m² (GB 50009-2012 App. D bands)'),
    maxFloor: floorNo().nullable().describe('Highest floor the process may occupy; null: no limit'),
    maxVibrationUmS: z.number().min(1).max(10_000).nullable().describe('Most floor vibration it tolerates, µm/s'),
    maxEquipmentKn: z.number().min(0).max(10_000).describe('Heaviest single piece of equipment, kN'),
    minElevatorT: tonnes().describe('Freight elevator capacity needed above the truck-access floors, t'),
    note: z.string().max(500).optional(),
    source: z.string().max(300).describe('Where the values come from, as a reader would cite it'),
    illustrative: z.boolean().describe('Values are illustrative bands, not taken from a retrieved guideline'),
  })
  .describe('Which process may go to which floor');
export type TUpstairsRule = z.infer<typeof ZUpstairsRule>;

export const ZRuleSetInput = z.object({
  rules: z.array(ZUpstairsRule).min(1).max(200),
  note: zText(1, 500).describe('What changed in this version'),
});
export const ZRuleSet = z.object({
  version: z.number().int(),
  rules: z.array(ZUpstairsRule),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TRuleSet = z.infer<typeof ZRuleSet>;
export const ZRuleDraft = z
  .object({
    rules: z.array(ZUpstairsRule),
    note: z.string().nullable(),
    baseVersion: z.number().int().describe('The version in force when the draft was started'),
    updatedBy: z.string().nullable(),
    updatedAt: z.string(),
  })
  .describe('Unpublished edits of the rules; publishing makes them the next version');
export type TRuleDraft = z.infer<typeof ZRuleDraft>;

/* ---------- Listings, specs, leases ---------- */

export const ZListingInput = z
  .object({
    availableFrom: isoDate.nullable().optional(),
    availableUntil: isoDate.nullable().optional(),
    askingRentYuanM2Month: rent().nullable().optional(),
    subsidyPct: z.number().min(0).max(100).nullable().optional(),
    subsidyNote: z.string().max(500).nullable().optional(),
    status: z.enum(['vacant', 'occupied', 'reserved']).optional().describe("The unit's status in the registry"),
    spec: z
      .object({
        seq: int32().min(0).max(10_000).optional(),
        floorLoadKnM2: load().nullable().optional(),
        clearHeightM: height().nullable().optional(),
        powerKva: power().nullable().optional(),
        exhaust: z.boolean().nullable().optional(),
        waterDrainage: z.boolean().nullable().optional(),
        cleanRoomIso: z.number().int().min(1).max(9).nullable().optional(),
        vibrationUmS: z.number().min(0).max(10_000).nullable().optional(),
        hazardousAllowed: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .describe("A unit's availability, asking rent, subsidy and specifications (park operators of its park)");
export type TListingInput = z.infer<typeof ZListingInput>;

/** A unit as the vacancy list and site search see it: its own and inherited specs. */
export const ZSpaceUnit = z.object({
  unitId: z.number().int(),
  unitCode: z.string(),
  floorId: z.number().int(),
  floorNo: z.number().int(),
  buildingId: z.number().int(),
  buildingName: z.string(),
  parkId: z.number().int(),
  parkName: z.string(),
  zoneName: z.string().nullable().describe('Top-level park (development zone) the park belongs to'),
  regionCode: z.string(),
  status: z.string(),
  areaM2: z.number().nullable(),
  seq: z.number().int(),
  floorLoadKnM2: z.number().nullable(),
  clearHeightM: z.number().nullable(),
  powerKva: z.number().nullable(),
  exhaust: z.boolean(),
  waterDrainage: z.boolean(),
  cleanRoomIso: z.number().int().nullable(),
  vibrationUmS: z.number().nullable(),
  hazardousAllowed: z.boolean(),
  elevatorT: z.number().nullable(),
  elevatorCarWidthM: z.number().nullable(),
  elevatorCarDepthM: z.number().nullable(),
  truckAccess: z.boolean(),
  availableFrom: z.string().nullable(),
  availableUntil: z.string().nullable(),
  askingRentYuanM2Month: z.number().nullable().describe('Confidential: the park, its district and the city'),
  subsidyPct: z.number().nullable().describe('Confidential like the rent'),
  subsidyNote: z.string().nullable(),
  leaseEndsOn: z.string().nullable().describe('End of the current lease (occupied units)'),
  tenantName: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  synthetic: z.boolean(),
  redacted: z.array(z.string()).optional().describe('Confidential fields withheld from the caller'),
});
export type TSpaceUnit = z.infer<typeof ZSpaceUnit>;

export const ZVacancyQuery = z.object({
  groupBy: z.enum(['building', 'park', 'zone', 'district', 'devzone']).default('park'),
  parkId: idParam().optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export const ZVacancyRow = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: z.string().nullable().optional().describe('English name where it differs (development zones)'),
  units: z.number().int(),
  vacantUnits: z.number().int(),
  areaM2: z.number(),
  vacantAreaM2: z.number(),
  vacancyRate: z.number().describe('Vacant area / area, 0–1'),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
});
export const ZVacancy = z.object({ groupBy: z.string(), items: z.array(ZVacancyRow) });

export const ZLeaseQuery = z.object({
  months: z.coerce.number().int().min(1).max(120).default(6),
  parkId: idParam().optional(),
});
export const ZExpiringLease = z.object({
  occupancyId: z.number().int(),
  unitId: z.number().int(),
  unitCode: z.string(),
  floorNo: z.number().int(),
  buildingName: z.string(),
  parkName: z.string(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  areaM2: z.number().nullable(),
  leaseEndsOn: z.string(),
  rentYuanM2Month: z.number().nullable().describe('Confidential'),
  redacted: z.array(z.string()).optional(),
});

export const ZLeaseInput = z
  .object({
    leaseEndsOn: isoDate.nullable(),
    rentYuanM2Month: rent().nullable().optional(),
  })
  .strict();

/* ---------- Site selection ---------- */

export const ZSiteNeed = z
  .object({
    areaMinM2: area().describe('Smallest total area, m²; adjacent units on one floor may combine'),
    areaMaxM2: area().optional().describe('Largest total area, m²'),
    floorLoadKnM2: load().optional(),
    clearHeightM: height().optional(),
    powerKva: power().optional(),
    elevatorT: tonnes().optional().describe('Freight elevator capacity, t (unless on a truck-access floor)'),
    elevatorCarWidthM: carM().optional(),
    elevatorCarDepthM: carM().optional(),
    exhaust: z.boolean().optional(),
    waterDrainage: z.boolean().optional(),
    cleanRoomIso: z.number().int().min(1).max(9).optional().describe('ISO 14644-1 class needed (or cleaner)'),
    hazardous: z.boolean().optional().describe('A hazardous process: only units that allow it'),
    process: zText(1, 64).optional().describe('工业上楼 process code: its rule limits the floor'),
    maxFloor: floorNo().optional().describe('Highest acceptable floor'),
    budgetYuanM2Month: rent().optional().describe('Most rent per m² and month'),
    availableBy: isoDate.optional().describe('Must be available on this date'),
    regionCodes: z
      .array(z.string().regex(/^\d{6}$/))
      .max(20)
      .optional(),
    parkIds: z.array(idParam()).max(50).optional().describe('Parks or zones (a zone includes its sub-parks)'),
    chainCode: z.enum(CHAIN_CODES).optional(),
    neighbourEnterpriseIds: z.array(idParam()).max(50).optional().describe('Firms it wants to be near'),
    leaderEnterpriseId: idParam().optional().describe('The chain leader it would supply'),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict()
  .describe('A space need');
export type TSiteNeed = z.infer<typeof ZSiteNeed>;
export type TSiteNeedInput = z.input<typeof ZSiteNeed>;

export const ZReason = z.object({
  rule: z.string().describe('Field or rule, e.g. floorLoadKnM2'),
  zh: z.string(),
  en: z.string(),
});
export type TReason = z.infer<typeof ZReason>;

export const ZSiteResult = z.object({
  unitIds: z.array(z.number().int()).describe('One unit, or adjacent units on one floor that combine'),
  unitCodes: z.array(z.string()),
  buildingId: z.number().int(),
  buildingName: z.string(),
  parkName: z.string(),
  floorNo: z.number().int(),
  areaM2: z.number(),
  rentYuanM2Month: z.number().nullable().describe('Confidential: withheld from roles that may not see rents'),
  score: z.number(),
  fits: z.array(ZReason).describe('Why it fits: each hard rule met, and the ranking terms'),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  synthetic: z.boolean(),
});
export const ZRuledOut = z.object({
  unitId: z.number().int(),
  unitCode: z.string(),
  buildingName: z.string(),
  floorNo: z.number().int(),
  reasons: z.array(ZReason),
});
export const ZSiteSearch = z.object({
  results: z.array(ZSiteResult),
  ruledOut: z.array(ZRuledOut).describe('Nearest misses first (fewest broken rules), at most 50'),
  ruledOutCounts: z.record(z.string(), z.number().int()).describe('Units ruled out, by rule'),
  considered: z.number().int(),
  maxFloorByRule: z.number().int().nullable(),
});
export type TSiteSearch = z.infer<typeof ZSiteSearch>;

export const ZShortlistInput = z
  .object({
    unitIds: z.array(idParam()).min(1).max(20),
    note: z.string().max(500).optional(),
  })
  .strict();

/* ---------- Floor planning ---------- */

export const ZPlanTenant = z
  .object({
    key: zText(1, 64).describe('Tenant key, unique in the plan'),
    name: zText(1, 200),
    enterpriseId: idParam().nullable().optional(),
    areaM2: area(),
    floorLoadKnM2: load(),
    clearHeightM: height(),
    powerKva: power().default(0),
    elevatorT: tonnes().default(0).describe('Freight elevator its goods need (0: none)'),
    industry: z.string().max(32).describe('Chain code, e.g. bd'),
    chainRank: z.number().int().min(0).max(20).describe('Chain order: 0 is the most upstream, placed highest'),
    process: z.string().max(64).optional(),
  })
  .strict();
export type TPlanTenant = z.infer<typeof ZPlanTenant>;

export const ZPlanInput = z
  .object({
    tenants: z.array(ZPlanTenant).min(1).max(400),
    links: z
      .array(z.object({ from: zText(1, 64), to: zText(1, 64), weight: z.number().min(0).max(1000) }).strict())
      .max(5000)
      .default([]),
    leadingIndustry: z.string().max(32).optional().describe("Default: the building's leading industry"),
    maxOtherShare: z.number().min(0).max(1).default(0.3).describe('Area share other industries may take'),
    upstreamOnTop: z.boolean().default(true).describe('Chain order runs from the top floor down'),
    timeLimitS: z.number().min(0.5).max(30).default(5),
    method: z.enum(['auto', 'mip', 'greedy']).default('auto'),
  })
  .strict();
export type TPlanInput = z.infer<typeof ZPlanInput>;

export const ZPlacement = z.object({
  key: z.string(),
  floorNo: z.number().int().nullable().describe('null: not placed'),
  reasons: z.array(ZReason),
});
export type TPlacement = z.infer<typeof ZPlacement>;

export const ZPlanViolation = z.object({
  rule: z.string(),
  key: z.string().nullable(),
  zh: z.string(),
  en: z.string(),
});

export const ZFloorPlan = z.object({
  id: z.number().int(),
  buildingId: z.number().int(),
  status: z.enum(['draft', 'accepted']),
  method: z.string(),
  objective: z.number().nullable(),
  bound: z.number().nullable(),
  gap: z.number().nullable().describe('Relative gap to the bound (0 = proven optimal)'),
  seconds: z.number().nullable(),
  tenants: z.array(ZPlanTenant),
  placements: z.array(ZPlacement),
  violations: z.array(ZPlanViolation).describe("The independent checker's findings (empty: every hard limit holds)"),
  settings: z
    .object({
      leadingIndustry: z.string().nullable().describe("The plan's leading industry (null: the building's)"),
      maxOtherShare: z.number(),
      upstreamOnTop: z.boolean(),
      links: z.array(z.object({ from: z.string(), to: z.string(), weight: z.number() })),
    })
    .describe('The settings the plan was made and is checked with'),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
});
export type TFloorPlan = z.infer<typeof ZFloorPlan>;

export const ZPlanMoves = z
  .object({
    moves: z
      .array(z.object({ key: zText(1, 64), floorNo: floorNo().nullable() }).strict())
      .min(1)
      .max(400),
  })
  .strict();

/* ---------- Programme ---------- */

export const SPACE_METRICS = [
  'upstairs_area_m2',
  'new_output_wan',
  'new_above_scale_firms',
  'factory_volume_m3',
  'parks_built',
] as const;

export const ZTargetInput = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9-]{2,64}$/)
      .describe('Natural key'),
    metric: z.enum(SPACE_METRICS),
    scopeKind: z.enum(['city', 'district', 'zone', 'park']),
    scopeCode: z.string().max(64).nullable(),
    periodStart: isoDate,
    periodEnd: isoDate,
    value: z
      .number()
      .max(1e15)
      .describe("Target value in the metric's unit (m², 万元, firms, m³, parks); must be positive"),
    label: zText(1, 200),
    labelEn: z.string().max(200).nullable(),
    sourceId: z
      .string()
      .max(64)
      .nullable()
      .describe('Source document (sources.id); required unless the target is marked illustrative'),
    sourceNote: z.string().max(500).nullable(),
    synthetic: z.boolean().default(false).describe('Illustrative target (示例): may cite no source document'),
  })
  .strict()
  .describe('A programme target: metric, scope, period, value and its source document');
export type TTargetInput = z.infer<typeof ZTargetInput>;

export const ZTargetSetInput = z
  .object({
    targets: z.array(ZTargetInput).min(1).max(100),
    note: zText(1, 500).describe('What changed in this version'),
  })
  .strict();
export const ZTargetSet = z.object({
  version: z.number().int().describe('0: the seeded set, before any version was published'),
  targets: z.array(ZTargetInput),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type TTargetSet = z.infer<typeof ZTargetSet>;
export const ZTargetDraft = z
  .object({
    targets: z.array(ZTargetInput),
    note: z.string().nullable(),
    baseVersion: z.number().int().describe('The version in force when the draft was started'),
    updatedBy: z.string().nullable(),
    updatedAt: z.string(),
  })
  .describe('Unpublished edits of the programme targets; publishing makes them the next version');
export type TTargetDraft = z.infer<typeof ZTargetDraft>;
export const ZTargetSetView = ZTargetSet.extend({
  versions: z.array(ZDocVersionSummary),
  draft: ZTargetDraft.nullable().describe('Unpublished edits (shown to those who may edit the targets)'),
  scopes: z
    .array(z.object({ kind: z.enum(['district', 'park']), code: z.string(), name: z.string() }))
    .describe('Scopes a target may name: districts (region codes) and parks (park codes, also for zones)'),
  sources: z.array(z.object({ id: z.string(), title: z.string() })).describe('Source documents a target may cite'),
});
export type TTargetSetView = z.infer<typeof ZTargetSetView>;

export const ZProgressPoint = z.object({ year: z.number().int(), value: z.number() });
export const ZTargetProgress = ZTargetInput.extend({
  id: z.number().int(),
  sourceTitle: z.string().nullable(),
  computable: z.boolean().describe('Whether the registry holds what this metric counts'),
  actual: z.number().nullable(),
  share: z.number().nullable().describe('actual / value'),
  forecast: z.number().nullable().describe('Linear forecast at period end from the yearly series'),
  series: z.array(ZProgressPoint),
  byScope: z
    .array(
      z.object({
        key: z.string().describe('district:<name>, devzone:<code> or building:<id>'),
        name: z.string(),
        nameEn: z.string().nullable().optional().describe('English name where it differs (development zones)'),
        value: z.number(),
      }),
    )
    .describe('The actual by district, development zone and building'),
  method: z.object({ zh: z.string(), en: z.string() }),
});
export const ZProgramme = z.object({ asOf: z.string(), targets: z.array(ZTargetProgress) });
export type TProgramme = z.infer<typeof ZProgramme>;

export const ZShortlistItem = z.object({
  unitId: z.number().int(),
  unitCode: z.string(),
  buildingName: z.string(),
  parkName: z.string(),
  floorNo: z.number().int(),
  areaM2: z.number().nullable(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

/** A project's space need as a search, with optional overrides of what the project does not hold. */
export const ZProjectSearchInput = ZSiteNeed.partial().strict();
