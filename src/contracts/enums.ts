/** Closed vocabularies shared by server, web and demo data. Labels live in src/contracts/labels.ts. */
export const PARK_KINDS = [
  'national_zone', // 国家级开发区
  'provincial_zone', // 省级开发区
  'industrial_base', // 国家级产业基地
  'characteristic_park', // 特色产业园区
  'software_park', // 软件园
  'incubator', // 孵化器 / 科创城
  'logistics_park', // 物流园区
  'urban_industrial_park', // 都市工业园
  'cluster', // 产业集群（无园区之名）
] as const;
export const PARK_LEVELS = ['national', 'provincial', 'municipal', 'district', 'other'] as const;
export const PARK_STATUSES = ['planned', 'under_construction', 'operating', 'renewal'] as const;
export const BUILDING_TYPES = [
  'standard_factory', // 标准厂房
  'high_rise_factory', // 工业上楼高层厂房
  'rnd', // 研发楼
  'incubator', // 孵化楼
  'warehouse', // 仓库
  'office', // 写字楼
  'mixed', // 综合
] as const;
export const FLOOR_FEATURES = [
  'exhaust', // 排风
  'water_drainage', // 给排水
  'clean_room', // 洁净室
  'heavy_equipment', // 重型设备
  'truck_access', // 货车直达
  'cold_storage', // 冷库
] as const;
export const UNIT_STATUSES = ['vacant', 'occupied', 'reserved'] as const;
export const ENTERPRISE_SCALES = ['large', 'medium', 'small', 'micro'] as const;
export const LIFECYCLE_STAGES = ['lab', 'incubator', 'park'] as const; // 0→1, 1→10, 10→N
export const CHAIN_STAGES = ['upstream', 'midstream', 'downstream'] as const;
export const INSTITUTION_KINDS = [
  'university',
  'research_institute',
  'incubator',
  'service_center',
  'innovation_center',
  'industry_association',
] as const;
export const EVENT_KINDS = [
  'delegation',
  'inbound_visit',
  'matchmaking_conference',
  'promotion',
  'opening',
  'other',
] as const;

/** Industry-chain codes (prefixes of ../shared/reference/chains.md), used for leading industries. */
export const CHAIN_CODES = [
  'oe',
  'nev',
  'lh',
  'he',
  'bd',
  'sec',
  'ei',
  'st',
  'nm',
  'sp',
  'ai',
  'im',
  'food',
  'logistics',
  'software',
] as const;

export type ParkKind = (typeof PARK_KINDS)[number];
export type ChainCode = (typeof CHAIN_CODES)[number];
