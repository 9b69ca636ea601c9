/** Inputs and outputs of the consolidation planner (pure data; dates are 'YYYY-MM-DD'). */

export interface Dims {
  /** metres */
  l: number;
  w: number;
  h: number;
}

export interface ContainerType {
  code: string; // '20GP', '40GP', '40HQ'
  /** geometric inside volume, m³ */
  volumeM3: number;
  /** maximum payload, kg */
  payloadKg: number;
  inside: Dims;
}

export interface DepartureContainers {
  type: string;
  count: number;
  /** price of one container of this type on this departure's route, in fen */
  priceFen: number;
}

export interface Departure {
  id: string;
  route: string;
  /** station codes this departure serves */
  destinations: string[];
  date: string;
  /** the last day an order may be ready for this departure */
  cutoff: string;
  containers: DepartureContainers[];
  /** payload cap of the route (road legs), kg; the lower of this and the type's payload holds */
  payloadCapKg?: number;
  /** share of the geometric volume that can be used (stowage), 0 < f ≤ 1 */
  usableVolumeFactor: number;
}

export interface Order {
  id: string;
  shipper: string;
  cargoClass: string;
  /** dangerous-goods class ('3', '8', …) or null */
  dgClass?: string | null;
  pieces: number;
  volumeM3: number;
  weightKg: number;
  pieceDims?: Dims | null;
  /** false: pieces may not be stacked, each takes its footprint up to the roof */
  stackable?: boolean;
  destination: string;
  readyDate: string;
  splittable: boolean;
  /** a locked order stays in this container of this departure */
  lock?: { departureId: string; containerId: string; type: string } | null;
}

/** Which cargo classes exist and which pairs may never share a container. */
export interface CompatibilityTable {
  classes: string[];
  incompatible: [string, string][];
}

export interface PlanInput {
  containerTypes: ContainerType[];
  departures: Departure[];
  orders: Order[];
  compatibility: CompatibilityTable;
}

export interface PlannedPart {
  orderId: string;
  pieces: number;
  volumeM3: number;
  weightKg: number;
}

export interface PlannedContainer {
  id: string;
  departureId: string;
  type: string;
  parts: PlannedPart[];
}

export type UnplacedReason =
  | 'unknown_class'
  | 'too_heavy'
  | 'too_large'
  | 'dimension'
  | 'ready_after_cutoff'
  | 'no_destination'
  | 'no_capacity'
  | 'invalid_order';

export interface Unplaced {
  orderId: string;
  reason: UnplacedReason;
  zh: string;
  en: string;
}

export interface Plan {
  containers: PlannedContainer[];
  unplaced: Unplaced[];
  /** lower bound on the containers any valid plan of the placed orders needs */
  lowerBound: number;
  /** (containers − bound) / bound, 0 when proven optimal in count */
  gap: number;
  costFen: number;
  waitingDays: number;
}
