/** Quantities: units to a base per dimension, and capacity (supply) against need (demand). */
import { type TUnit, UNITS } from '../../contracts/docking.js';

export interface Quantity {
  quantity: number | null;
  unit: TUnit | null;
}

export type CapacityFit = { fit: 'covers' | 'partial' | 'unknown' | 'unit_mismatch'; ratio: number | null };

/** Whether two units measure the same thing (tonnes and kilograms do; tonnes and pieces do not). */
export const sameDimension = (a: TUnit, b: TUnit): boolean => UNITS[a].dim === UNITS[b].dim;

export const toBase = (q: number, unit: TUnit): number => q * UNITS[unit].factor;

/** Capacity ÷ need in one base unit: covers (≥ 1), partial, unknown (a side without a quantity), unit_mismatch. */
export function capacityFit(supply: Quantity, demand: Quantity): CapacityFit {
  if (supply.quantity === null || supply.unit === null || demand.quantity === null || demand.unit === null) {
    return { fit: 'unknown', ratio: null };
  }
  if (!sameDimension(supply.unit, demand.unit)) return { fit: 'unit_mismatch', ratio: null };
  const ratio = toBase(supply.quantity, supply.unit) / toBase(demand.quantity, demand.unit);
  return { fit: ratio >= 1 ? 'covers' : 'partial', ratio: Math.round(ratio * 1000) / 1000 };
}
