/** Rail consolidation (集拼) at a logistics hub (issue 16): request and response schemas. */
import { z } from 'zod';
import { zText } from './auth.js';
import { int32 } from './limits.js';

export const CARGO_CLASSES = [
  'general',
  'textile',
  'electronics',
  'machinery',
  'food',
  'chemical',
  'dangerous',
  'fragile',
] as const;
export const CONTAINER_TYPES = ['20GP', '40GP', '40HQ'] as const;
export const ORDER_STATUSES = ['open', 'booked', 'shipped', 'cancelled'] as const;
export const UNPLACED_REASONS = [
  'unknown_class',
  'too_heavy',
  'too_large',
  'dimension',
  'ready_after_cutoff',
  'no_destination',
  'no_capacity',
  'invalid_order',
] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_format')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'invalid_format',
    },
  )
  .describe('Date, YYYY-MM-DD');
const code = zText(1, 40);
const station = zText(1, 60);
const m3 = z.number().positive().max(10_000).describe('Volume, m³');
const kg = z.number().positive().max(1_000_000).describe('Gross weight, kg');
const metres = z.number().positive().max(50);
const fen = z.number().int().min(0).max(9_007_199_254_740_991);

export const ZHub = z.object({
  id: z.number(),
  name: z.string(),
  nameEn: z.string().nullable(),
  station: z.string(),
  source: z.string().nullable(),
  synthetic: z.boolean(),
  organisationId: z.number().nullable().describe('The organisation (kind logistics_hub) that runs the hub'),
  member: z.boolean().describe('Whether the caller operates this hub'),
});
export type THub = z.infer<typeof ZHub>;

export const ZHubInput = z.object({
  name: zText(1, 100),
  nameEn: zText(1, 200).nullable().optional(),
  station: zText(1, 60).describe('The station trains leave from, e.g. 吴家山站'),
  parkId: int32().positive().nullable().optional(),
  organisationId: int32()
    .positive()
    .nullable()
    .optional()
    .describe('The operating organisation (kind logistics_hub): its hub_operator users run the hub'),
  source: zText(1, 1000).nullable().optional().describe("Where the hub's facts come from, as a reader would cite it"),
  synthetic: z.boolean().default(false),
});
export type THubInput = z.input<typeof ZHubInput>;

export const ZMemberInput = z.object({ userId: int32().positive().describe('The user who operates the hub') });

export const ZOrderInput = z.object({
  code,
  shipperEnterpriseId: int32().positive().nullable().optional().describe('The shipper in the registry, if it is there'),
  shipperName: zText(1, 200),
  goods: zText(1, 200).describe('Goods description'),
  hsChapter: z
    .string()
    .regex(/^\d{2}$/, 'invalid_format')
    .nullable()
    .optional()
    .describe('HS chapter, two digits'),
  cargoClass: z.enum(CARGO_CLASSES),
  dgClass: z
    .string()
    .regex(/^[1-9](\.\d)?$/, 'invalid_format')
    .nullable()
    .optional()
    .describe('Dangerous-goods class (UN), e.g. 3 or 8'),
  pieces: int32().positive().max(100_000),
  volumeM3: m3,
  weightKg: kg,
  pieceDims: z.object({ l: metres, w: metres, h: metres }).nullable().optional().describe('One piece, metres'),
  stackable: z.boolean().default(true),
  destination: station.describe('Destination station code, e.g. DUISBURG'),
  destinationCountry: zText(2, 60),
  readyOn: isoDate,
  splittable: z.boolean().default(false),
  declaredValueFen: fen.nullable().optional().describe('Declared value in fen (confidential)'),
  synthetic: z.boolean().default(false),
});
export type TOrderInput = z.input<typeof ZOrderInput>;

export const ZOrder = z.object({
  id: z.number(),
  hubId: z.number(),
  code: z.string(),
  shipperEnterpriseId: z.number().nullable(),
  shipperName: z.string(),
  goods: z.string(),
  hsChapter: z.string().nullable(),
  cargoClass: z.string(),
  dgClass: z.string().nullable(),
  pieces: z.number(),
  volumeM3: z.number(),
  weightKg: z.number(),
  pieceDims: z.object({ l: z.number(), w: z.number(), h: z.number() }).nullable(),
  stackable: z.boolean(),
  destination: z.string(),
  destinationCountry: z.string(),
  readyOn: z.string(),
  splittable: z.boolean(),
  declaredValueFen: z.number().nullable(),
  status: z.enum(ORDER_STATUSES),
  lock: z.object({ departureId: z.number(), container: z.string(), type: z.string() }).nullable(),
  synthetic: z.boolean(),
  version: z.number(),
  redacted: z.array(z.string()).optional(),
});
export type TOrder = z.infer<typeof ZOrder>;

export const ZDepartureContainers = z.object({
  type: z.enum(CONTAINER_TYPES),
  count: int32().min(0).max(500),
  priceFen: fen.describe('Price of one container on this route, fen'),
});

const ZDepartureFields = z.object({
  code,
  route: zText(1, 80),
  destinations: z.array(station).min(1).max(30),
  departOn: isoDate,
  cutoffOn: isoDate,
  containers: z.array(ZDepartureContainers).min(1).max(3),
  payloadCapKg: int32().positive().max(40_000).nullable().optional().describe('Route payload cap (road legs), kg'),
  usableVolumeFactor: z.number().min(0.5).max(1).default(0.88),
  synthetic: z.boolean().default(false),
});
const departureRules = <T extends typeof ZDepartureFields>(s: T) =>
  s
    .refine((d) => d.cutoffOn <= d.departOn, { path: ['cutoffOn'], message: 'consolidation.cutoff_after_departure' })
    .refine((d) => new Set(d.containers.map((c) => c.type)).size === d.containers.length, {
      path: ['containers'],
      message: 'consolidation.duplicate_container_type',
    });
export const ZDepartureInput = departureRules(ZDepartureFields);
export type TDepartureInput = z.input<typeof ZDepartureInput>;
const version = int32().positive().describe('The version read: a stale one is refused (409)');
/** A departure changed as a whole, at the version read. */
export const ZDepartureUpdate = departureRules(ZDepartureFields.extend({ version }));
export type TDepartureUpdate = z.input<typeof ZDepartureUpdate>;
/** An order changed as a whole, at the version read. */
export const ZOrderUpdate = ZOrderInput.extend({ version });
export type TOrderUpdate = z.input<typeof ZOrderUpdate>;
export const ZOrderCancel = z.object({
  version,
  confirmBooked: z
    .boolean()
    .default(false)
    .describe('Required for a booked order: it gives up its place in a locked container'),
});
export const ZDepartureCancel = z.object({
  version,
  releaseBooked: z
    .boolean()
    .default(false)
    .describe('Required when booked orders are locked on the departure: they are released to be planned again'),
});

export const ZDeparture = z.object({
  id: z.number(),
  hubId: z.number(),
  code: z.string(),
  route: z.string(),
  destinations: z.array(z.string()),
  departOn: z.string(),
  cutoffOn: z.string(),
  containers: z.array(z.object({ type: z.string(), count: z.number(), priceFen: z.number().nullable() })),
  payloadCapKg: z.number().nullable(),
  usableVolumeFactor: z.number(),
  synthetic: z.boolean(),
  status: z.enum(['scheduled', 'cancelled']),
  version: z.number(),
});
export type TDeparture = z.infer<typeof ZDeparture>;
export const ZDepartureCancelled = z.object({
  departure: ZDeparture,
  released: z
    .array(z.object({ id: z.number(), code: z.string() }))
    .describe('Booked orders released from the departure: they need planning again'),
});
export type TDepartureCancelled = z.infer<typeof ZDepartureCancelled>;

export const ZTariffInput = z.object({
  route: zText(1, 80),
  divisorKgPerM3: z.number().min(100).max(2000).describe('Chargeable kg per m³ (1 000, 750, 500, 363 …)'),
  minChargeableM3: z.number().min(0).max(100).default(1),
  synthetic: z.boolean().default(false),
});
export const ZTariff = z.object({
  id: z.number(),
  route: z.string(),
  divisorKgPerM3: z.number(),
  minChargeableM3: z.number(),
  synthetic: z.boolean(),
});

export const ZPlanPart = z.object({
  orderId: z.number(),
  orderCode: z.string(),
  shipperName: z.string(),
  goods: z.string(),
  cargoClass: z.string(),
  pieces: z.number(),
  volumeM3: z.number(),
  weightKg: z.number(),
  chargeableKg: z.number(),
  amountFen: z.number(),
});
export const ZPlanContainer = z.object({
  id: z.string(),
  type: z.string(),
  volumeFill: z.number().describe('Share of usable volume used, 0–1'),
  weightFill: z.number().describe('Share of payload used, 0–1'),
  priceFen: z.number().nullable(),
  parts: z.array(ZPlanPart).describe('The parts the caller may see (a shipper: its own)'),
  otherParts: z.number().describe('Parts of other shippers in this container, not shown'),
});
export const ZPlanDeparture = z.object({
  id: z.number(),
  code: z.string(),
  departOn: z.string(),
  cutoffOn: z.string(),
  route: z.string(),
  containers: z.array(ZPlanContainer),
});
export const ZUnplaced = z.object({
  orderId: z.number(),
  orderCode: z.string(),
  reason: z.enum(UNPLACED_REASONS),
  zh: z.string(),
  en: z.string(),
});
export const ZPlanView = z.object({
  id: z.number(),
  hubId: z.number(),
  createdAt: z.string(),
  containers: z.number(),
  lowerBound: z.number().describe('No valid plan of these orders needs fewer containers'),
  gap: z.number().describe('(containers − bound) / bound'),
  costFen: z.number().nullable(),
  waitingDays: z.number(),
  checkerProblems: z.number().describe('Violations the independent checker found (0 = valid)'),
  departures: z.array(ZPlanDeparture),
  unplaced: z.array(ZUnplaced),
});
export type TPlanView = z.infer<typeof ZPlanView>;

export const ZQuote = z.object({
  amountFen: z.number().nullable(),
  departureCode: z.string().nullable(),
  departOn: z.string().nullable(),
  containers: z.array(z.string()),
  chargeableKg: z.number(),
  unplaced: ZUnplaced.omit({ orderId: true, orderCode: true }).nullable(),
});
export type TQuote = z.infer<typeof ZQuote>;

export const ZDashboard = z.object({
  month: z.string(),
  departures: z.number(),
  containers: z.number(),
  avgVolumeFill: z.number().nullable(),
  avgWeightFill: z.number().nullable(),
  orders: z.number(),
  goodsValueFen: z.number().nullable(),
  destinations: z.array(
    z.object({ destination: z.string(), country: z.string(), orders: z.number(), volumeM3: z.number() }),
  ),
});
export type TDashboard = z.infer<typeof ZDashboard>;
