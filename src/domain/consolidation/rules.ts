/**
 * Cargo rules used by the planner (the checker has its own copy, written separately):
 * compatibility of two orders, the volume an order really takes, whether a piece fits a box.
 */
import type { CompatibilityTable, Dims, Order } from './types.js';

/** Cargo classes the default table knows; a hub may add its own. */
export const DEFAULT_COMPATIBILITY: CompatibilityTable = {
  classes: ['general', 'textile', 'electronics', 'machinery', 'food', 'chemical', 'dangerous', 'fragile'],
  incompatible: [
    ['food', 'chemical'],
    ['food', 'dangerous'],
    ['chemical', 'dangerous'],
  ],
};

/**
 * Two orders may share a container unless their classes are listed as incompatible, or both
 * are dangerous goods of different classes (a simplified segregation: one DG class per
 * container), or one is dangerous goods and the other food.
 */
export function compatibleOrders(a: Order, b: Order, table: CompatibilityTable): boolean {
  for (const [x, y] of table.incompatible)
    if ((a.cargoClass === x && b.cargoClass === y) || (a.cargoClass === y && b.cargoClass === x)) return false;
  const da = a.dgClass ?? null;
  const db = b.dgClass ?? null;
  if (da !== null && db !== null && da !== db) return false;
  if ((da !== null && b.cargoClass === 'food') || (db !== null && a.cargoClass === 'food')) return false;
  return true;
}

/**
 * The volume an order takes: its declared volume, or — for pieces that may not be stacked, with
 * dimensions given — their footprint up to the roof of the tallest container, when that is more.
 */
export function effectiveVolume(o: Order, roofM: number): number {
  if (o.stackable === false && o.pieceDims) {
    const footprint = o.pieceDims.l * o.pieceDims.w * o.pieces * roofM;
    return Math.max(o.volumeM3, footprint);
  }
  return o.volumeM3;
}

/** A piece fits when its sorted dimensions are within the box's sorted dimensions (any rotation). */
export function fitsDims(piece: Dims, box: Dims): boolean {
  const p = [piece.l, piece.w, piece.h].sort((x, y) => x - y);
  const b = [box.l, box.w, box.h].sort((x, y) => x - y);
  return p[0]! <= b[0]! + 1e-9 && p[1]! <= b[1]! + 1e-9 && p[2]! <= b[2]! + 1e-9;
}
