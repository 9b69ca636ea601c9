/**
 * Registry contracts (DESIGN.md M1): one zod schema per entity, shared by the API (validation and
 * OpenAPI), the web client (types) and the demo-data loader. Field units are in the names:
 * areas in m², land in mu (亩), loads in kN/m², money in 万元 (10k CNY).
 */
import { z } from 'zod';
import {
  BUILDING_TYPES,
  CHAIN_CODES,
  CHAIN_STAGES,
  ENTERPRISE_SCALES,
  EVENT_KINDS,
  FLOOR_FEATURES,
  INSTITUTION_KINDS,
  LIFECYCLE_STAGES,
  PARK_KINDS,
  PARK_LEVELS,
  PARK_STATUSES,
  UNIT_STATUSES,
} from './enums.js';
import { idParam, int32, moneyWan } from './limits.js';

export const ZId = idParam().describe('Numeric id');
const isoDate = z.iso.date().describe('ISO date, YYYY-MM-DD');
const nonNeg = z.number().nonnegative();
const text = (max: number) => z.string().trim().min(1).max(max);

/** Every fact carries where it comes from and how fresh it is. */
export const ZProvenance = z.object({
  sourceId: z.string().min(1).max(64).default('user').describe('Id of the source record (see /api/v1/sources)'),
  asOf: isoDate.nullable().optional().describe('Date the fact was true'),
  synthetic: z.boolean().default(false).describe('Invented to fill the demo; not a real fact'),
});
const provenanceOut = {
  sourceId: z.string(),
  asOf: z.string().nullable(),
  synthetic: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
};
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);

// ───────────────────────── reference data ─────────────────────────
export const ZRegion = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'district']),
  parentCode: z.string().nullable(),
});
export const ZIndustryClass = z.object({
  code: z.string(),
  level: z.enum(['section', 'division', 'group', 'class']),
  name: z.string(),
  parentCode: z.string().nullable(),
  note: z.string().nullable(),
});
export const ZTier = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  rank: z.number().int(),
  issuer: z.string().nullable(),
  note: z.string().nullable(),
});
export const ZSource = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9-]*$/),
  title: text(300),
  publisher: z.string().max(200).nullable().optional(),
  url: z.string().url().max(1000).nullable().optional(),
  publishedOn: isoDate.nullable().optional(),
  status: z
    .enum(['verified', 'unverified', 'synthetic'])
    .optional()
    .describe(
      'verified: read in the publisher’s own text; unverified: a mirror or not yet checked; synthetic: demo data',
    ),
  note: z.string().max(2000).nullable().optional(),
});

// ───────────────────────── parks ─────────────────────────
export const ZParkInput = z
  .object({
    code: z
      .string()
      .trim()
      .min(2)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .describe('Stable slug, unique'),
    name: text(200).describe('Chinese name'),
    nameEn: z.string().trim().max(200).nullable().optional(),
    kind: z.enum(PARK_KINDS),
    level: z.enum(PARK_LEVELS).default('other'),
    parentId: ZId.nullable().optional().describe('Containing zone or park'),
    regionCode: z
      .string()
      .regex(/^\d{6}$/)
      .describe('GB/T 2260 district code'),
    leadingIndustries: z.array(z.enum(CHAIN_CODES)).max(8).default([]),
    plannedAreaKm2: nonNeg.nullable().optional(),
    builtAreaM2: nonNeg.nullable().optional(),
    landMu: nonNeg.nullable().optional(),
    lat: lat.nullable().optional(),
    lng: lng.nullable().optional(),
    locationApproximate: z.boolean().default(true),
    operator: z.string().max(200).nullable().optional(),
    status: z.enum(PARK_STATUSES).default('operating'),
    tags: z.array(z.string().trim().min(1).max(32)).max(16).default([]),
    description: z.string().max(4000).nullable().optional(),
  })
  .extend(ZProvenance.shape);
export const ZPark = ZParkInput.extend({
  id: z.number().int(),
  parentName: z.string().nullable(),
  regionName: z.string().nullable(),
  buildingCount: z.number().int(),
  enterpriseCount: z.number().int(),
  ...provenanceOut,
});

// ───────────────────────── buildings, floors, units ─────────────────────────
export const ZBuildingInput = z
  .object({
    parkId: ZId,
    code: z.string().trim().min(1).max(64).describe('Unique within the park'),
    name: text(200),
    nameEn: z.string().trim().max(200).nullable().optional(),
    type: z.enum(BUILDING_TYPES),
    floorsAbove: z.number().int().min(1).max(200),
    floorsBelow: z.number().int().min(0).max(20).default(0),
    grossFloorAreaM2: nonNeg.nullable().optional(),
    leadingIndustry: z.enum(CHAIN_CODES).nullable().optional().describe('One building, one leading industry'),
    freightElevators: z.number().int().min(0).max(50).nullable().optional(),
    freightElevatorCapacityT: nonNeg.max(100).nullable().optional(),
    completionYear: z.number().int().min(1900).max(2100).nullable().optional(),
    lat: lat.nullable().optional(),
    lng: lng.nullable().optional(),
    description: z.string().max(4000).nullable().optional(),
  })
  .extend(ZProvenance.shape);
export const ZBuilding = ZBuildingInput.extend({
  id: z.number().int(),
  parkName: z.string(),
  tenantCount: z.number().int(),
  ...provenanceOut,
});

export const ZFloorInput = z
  .object({
    buildingId: ZId,
    floorNo: z
      .number()
      .int()
      .min(-20)
      .max(200)
      .refine((n) => n !== 0, { message: 'floor_zero' }),
    areaM2: nonNeg.nullable().optional(),
    floorLoadKnM2: nonNeg.max(100).nullable().optional().describe('Design live load, kN/m²'),
    clearHeightM: nonNeg.max(50).nullable().optional(),
    powerKva: nonNeg.nullable().optional(),
    features: z.array(z.enum(FLOOR_FEATURES)).default([]),
  })
  .extend(ZProvenance.shape);
export const ZFloor = ZFloorInput.extend({ id: z.number().int(), ...provenanceOut });

export const ZUnitInput = z
  .object({
    floorId: ZId,
    code: z.string().trim().min(1).max(64).describe('Unit number, unique within the floor'),
    areaM2: nonNeg.nullable().optional(),
    status: z.enum(UNIT_STATUSES).default('vacant'),
  })
  .extend(ZProvenance.shape);
export const ZUnit = ZUnitInput.extend({ id: z.number().int(), ...provenanceOut });

// ───────────────────────── enterprises ─────────────────────────
export const ZHonour = z.object({
  tierCode: z.string().min(1).max(64),
  year: z.number().int().min(1980).max(2100),
  validUntil: isoDate.nullable().optional(),
  level: z.enum(['national', 'provincial', 'municipal', 'other']).default('national'),
});
export const ZEnterpriseInput = z
  .object({
    creditCode: z.string().trim().toUpperCase().nullable().optional().describe('统一社会信用代码 (GB 32100-2015)'),
    creditCodeConfirmed: z.boolean().default(false).describe('A person confirms a code whose check character fails'),
    name: text(200),
    nameEn: z.string().trim().max(200).nullable().optional(),
    aliases: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    industryClassCode: z
      .string()
      .regex(/^\d{4}$/)
      .nullable()
      .optional()
      .describe('GB/T 4754-2017 class (小类)'),
    foundedOn: isoDate.nullable().optional(),
    scale: z.enum(ENTERPRISE_SCALES).nullable().optional(),
    lifecycleStage: z.enum(LIFECYCLE_STAGES).nullable().optional(),
    isChainLeader: z.boolean().default(false),
    chainCode: z.enum(CHAIN_CODES).nullable().optional(),
    chainStage: z.enum(CHAIN_STAGES).nullable().optional(),
    products: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    regionCode: z
      .string()
      .regex(/^\d{6}$/)
      .nullable()
      .optional(),
    honours: z.array(ZHonour).max(50).default([]),
    description: z.string().max(4000).nullable().optional(),
  })
  .extend(ZProvenance.shape);
export const ZEnterprise = ZEnterpriseInput.extend({
  id: z.number().int(),
  creditCodeValid: z.boolean().nullable(),
  industryClassName: z.string().nullable(),
  parkNames: z.array(z.string()),
  ...provenanceOut,
});

export const ZMetricInput = z
  .object({
    enterpriseId: ZId,
    year: z.number().int().min(1980).max(2100),
    revenueWan: moneyWan().nullable().optional().describe('营业收入, 万元'),
    outputWan: moneyWan().nullable().optional().describe('工业总产值, 万元'),
    valueAddedWan: moneyWan().nullable().optional().describe('增加值, 万元'),
    taxWan: moneyWan().nullable().optional().describe('税收, 万元'),
    rndWan: moneyWan().nonnegative().nullable().optional().describe('研发费用, 万元'),
    rndStaff: int32().nonnegative().nullable().optional(),
    employees: int32().nonnegative().nullable().optional(),
    energyTce: z.number().nonnegative().nullable().optional().describe('综合能耗, 吨标准煤'),
    emissionsT: z.number().nonnegative().nullable().optional(),
    landMu: z.number().nonnegative().nullable().optional(),
    exportsWan: moneyWan().nonnegative().nullable().optional(),
    patentsInvention: int32().nonnegative().nullable().optional(),
    patentsUtility: int32().nonnegative().nullable().optional(),
    patentsDesign: int32().nonnegative().nullable().optional(),
    softwareCopyrights: int32().nonnegative().nullable().optional(),
  })
  .extend(ZProvenance.shape);
export const ZMetric = ZMetricInput.extend({ id: z.number().int(), ...provenanceOut });

export const ZOccupancyInput = z
  .object({
    enterpriseId: ZId,
    unitId: ZId,
    startedOn: isoDate.nullable().optional(),
    endedOn: isoDate.nullable().optional(),
    areaM2: nonNeg.nullable().optional(),
  })
  .extend(ZProvenance.shape);
export const ZOccupancy = ZOccupancyInput.extend({ id: z.number().int(), ...provenanceOut });

export const ZInstitutionInput = z
  .object({
    name: text(200),
    nameEn: z.string().trim().max(200).nullable().optional(),
    kind: z.enum(INSTITUTION_KINDS),
    parkId: ZId.nullable().optional(),
    buildingId: ZId.nullable().optional(),
    regionCode: z
      .string()
      .regex(/^\d{6}$/)
      .nullable()
      .optional(),
    description: z.string().max(4000).nullable().optional(),
  })
  .extend(ZProvenance.shape);
export const ZInstitution = ZInstitutionInput.extend({
  id: z.number().int(),
  parkName: z.string().nullable(),
  ...provenanceOut,
});

export const ZSupplyLinkInput = z
  .object({
    supplierId: ZId,
    customerId: ZId,
    product: text(200),
    annualAmountWan: moneyWan().nonnegative().nullable().optional().describe('Annual purchase amount, 万元'),
    year: z.number().int().min(1980).max(2100).nullable().optional(),
  })
  .extend(ZProvenance.shape);
export const ZSupplyLink = ZSupplyLinkInput.extend({
  id: z.number().int(),
  supplierName: z.string(),
  customerName: z.string(),
  ...provenanceOut,
});

export const ZEventInput = z
  .object({
    name: text(200),
    kind: z.enum(EVENT_KINDS),
    city: z.string().max(64).nullable().optional(),
    startedOn: isoDate.nullable().optional(),
    endedOn: isoDate.nullable().optional(),
    dateEstimated: z
      .boolean()
      .optional()
      .describe('The dates are inferred from the source (shown as approximate), not stated in it'),
    signings: int32().nonnegative().nullable().optional().describe('Projects signed'),
    intentions: int32().nonnegative().nullable().optional().describe('Investment intentions'),
    participants: int32().nonnegative().nullable().optional(),
    description: z.string().max(4000).nullable().optional(),
  })
  .extend(ZProvenance.shape);
export const ZEvent = ZEventInput.extend({ id: z.number().int(), ...provenanceOut });

/** A quoted figure (target, count, total) about a park, zone or the city, with its source. */
export const ZKeyFigureInput = z
  .object({
    subjectType: z.enum(['city', 'park', 'enterprise', 'programme']),
    subjectId: ZId.nullable().optional(),
    label: text(200),
    labelEn: z.string().max(200).nullable().optional(),
    value: z.number(),
    unit: z.string().max(32),
    isTarget: z.boolean().default(false),
  })
  .extend(ZProvenance.shape);
export const ZKeyFigure = ZKeyFigureInput.extend({ id: z.number().int(), ...provenanceOut });

// ───────────────────────── composite views ─────────────────────────
export const ZDirectoryTenant = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  chainCode: z.string().nullable(),
  chainStage: z.string().nullable(),
  industryClassCode: z.string().nullable(),
  industryClassName: z.string().nullable(),
  areaM2: z.number().nullable(),
  synthetic: z.boolean(),
});
export const ZDirectoryFloor = ZFloor.extend({
  units: z.array(ZUnit.extend({ tenants: z.array(ZDirectoryTenant) })),
});
export const ZBuildingDirectory = z.object({
  building: ZBuilding,
  floors: z.array(ZDirectoryFloor).describe('Top floor first'),
});

/** `{ items: [...] }`: a list that is not paged. */
export function items<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item) });
}

export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

export type TParkInput = z.input<typeof ZParkInput>;
export type TPark = z.infer<typeof ZPark>;
export type TBuilding = z.infer<typeof ZBuilding>;
export type TBuildingInput = z.input<typeof ZBuildingInput>;
export type TFloor = z.infer<typeof ZFloor>;
export type TUnit = z.infer<typeof ZUnit>;
export type TEnterprise = z.infer<typeof ZEnterprise>;
export type TEnterpriseInput = z.input<typeof ZEnterpriseInput>;
export type TMetric = z.infer<typeof ZMetric>;
export type TInstitution = z.infer<typeof ZInstitution>;
export type TSupplyLink = z.infer<typeof ZSupplyLink>;
export type TEvent = z.infer<typeof ZEvent>;
export type TKeyFigure = z.infer<typeof ZKeyFigure>;
export type TBuildingDirectory = z.infer<typeof ZBuildingDirectory>;
export type TRegion = z.infer<typeof ZRegion>;
export type TIndustryClass = z.infer<typeof ZIndustryClass>;
export type TTier = z.infer<typeof ZTier>;
export type TSource = z.infer<typeof ZSource>;

/** A development zone (data/reference/devzones.json) with its counts (GET /api/v1/devzones, issue 11). */
export const ZDevzone = z
  .object({
    code: z.string().describe('Zone code, as in ?devzone= and scope=devzone:CODE'),
    nameZh: z.string(),
    nameEn: z.string(),
    shortZh: z.string().describe('Short name: 光谷, 车谷, 网谷 …'),
    shortEn: z.string(),
    level: z.enum(['national', 'municipal']),
    districts: z
      .array(
        z.object({
          code: z.string().describe('GB/T 2260 district code'),
          name: z.string().nullable().describe('District name from the regions table'),
          whole: z.boolean().describe('True when every park and firm registered in the district counts in the zone'),
        }),
      )
      .describe('Districts the zone covers, whole or in part'),
    membership: z
      .object({
        status: z.enum(['verified', 'unverified']).describe('Whether the extent of the zone is backed by a source'),
        noteZh: z.string(),
        noteEn: z.string(),
      })
      .describe('How parks are counted in the zone'),
    source: z
      .object({
        publisher: z.string(),
        title: z.string().nullable(),
        date: z.string().nullable(),
        url: z.string().nullable(),
      })
      .nullable()
      .describe('Where the zone and its extent are described; null when no public source was found'),
    parks: z.number().int().describe('Parks in the zone (anchor parks, their sub-parks, parks of whole districts)'),
    enterprises: z
      .number()
      .int()
      .describe('Enterprises of the zone: current tenants of its parks and firms registered in its whole districts'),
    tenants: z.number().int().describe('Current tenants of its parks'),
  })
  .describe('A development zone: a statistical dimension beside districts');
export type TDevzone = z.infer<typeof ZDevzone>;
