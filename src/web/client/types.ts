/** API types: the registry contracts (types only, no zod at runtime) plus views the contracts do not name. */

export type { ChainCode, ParkKind } from '../../contracts/enums';
export {
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
} from '../../contracts/enums';
export type {
  TBuilding,
  TBuildingDirectory,
  TEnterprise,
  TEnterpriseInput,
  TEvent,
  TFloor,
  TIndustryClass,
  TInstitution,
  TKeyFigure,
  TMetric,
  TPark,
  TParkInput,
  TRegion,
  TSource,
  TSupplyLink,
  TTier,
  TUnit,
} from '../../contracts/registry';

import type { TBuildingDirectory, TIndustryClass } from '../../contracts/registry';
import type { ImportKind } from '../../domain/import/kinds';

export type { ImportKind };

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Items<T> {
  items: T[];
}

export type DirectoryFloor = TBuildingDirectory['floors'][number];
export type DirectoryUnit = DirectoryFloor['units'][number];
export type DirectoryTenant = DirectoryUnit['tenants'][number];

export interface EnterpriseLocation {
  occupancyId: number;
  parkId: number;
  parkName: string;
  buildingId: number;
  buildingName: string;
  floorNo: number;
  unitId: number;
  unitCode: string;
  areaM2: number | null;
  startedOn: string | null;
  endedOn: string | null;
  sourceId: string;
  asOf: string | null;
  synthetic: boolean;
}

export interface StatsOverview {
  parks: number;
  buildings: number;
  enterprises: number;
  institutions: number;
  /** 0..1 */
  syntheticShare: number;
}

export interface IndustryClassDetail extends TIndustryClass {
  path: TIndustryClass[];
}

export interface CreditCodeCheck {
  normalized: string;
  valid: boolean;
  problems: string[];
  expectedCheck: string | null;
  parts?: Record<string, string>;
}

/** One invalid field in an application/problem+json answer. */
export interface ProblemFieldError {
  path: (string | number)[];
  code: string;
  message: { zh: string; en: string } | string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  /** The code's message in both languages (module codes are not in the web's table). */
  message?: { zh: string; en: string };
  errors?: ProblemFieldError[];
}

// ─── import / export (src/contracts/imports.ts) ───

export type {
  ImportMode,
  ImportReport,
  ImportStatus,
  RowProblem as ImportProblem,
  SheetSummary as ImportSheetSummary,
} from '../../contracts/imports';

import type { ImportReport, ImportStatus } from '../../contracts/imports';

export interface ImportRecord {
  id: number;
  status: ImportStatus;
  report: ImportReport;
}

// ─── search (mirrors src/server/modules/search/schemas.ts) ───

export type SearchType = 'park' | 'building' | 'enterprise' | 'institution';
export const SEARCH_TYPES: readonly SearchType[] = ['enterprise', 'park', 'building', 'institution'];

export interface SearchHit {
  type: SearchType;
  id: number;
  title: string;
  subtitle: string | null;
  matchedField: string;
  match: 'exact' | 'prefix' | 'substring' | 'fuzzy';
  score: number;
  highlight: { text: string; ranges: { start: number; end: number }[] };
}

export interface SearchResult {
  query: string;
  normalized: string;
  items: SearchHit[];
}

// ─── map ───

export interface DistrictStats {
  regionCode: string;
  name: string;
  parks: number;
  enterprises: number;
  /** Sum of each enterprise's latest reported industrial output, 万元; null when confidential to the caller. */
  outputWan: number | null;
  /** 0..1, share of the district's enterprises flagged synthetic. */
  syntheticShare: number;
}

export interface DistrictGeoJson {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: { name: string; regionCode: string | null; cp?: [number, number] };
    geometry: unknown;
  }[];
  provenance?: { source?: string; sourceEn?: string; url?: string; note?: string };
}
