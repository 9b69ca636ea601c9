/**
 * Standard container types (inside dimensions, volume, payload) as in the reference table
 * (shared/reference/containers.md: 20GP 5.90 × 2.35 × 2.39 m, 33.2 m³, ≈ 28 180 kg; 40GP
 * 12.03 × 2.35 × 2.39 m, 67.7 m³, ≈ 26 730 kg; 40HQ 12.03 × 2.35 × 2.69 m, 76.3 m³, ≈ 26 540 kg).
 */
import type { ContainerType } from './types.js';

export const STANDARD_CONTAINERS: ContainerType[] = [
  { code: '20GP', volumeM3: 33.2, payloadKg: 28_180, inside: { l: 5.9, w: 2.35, h: 2.39 } },
  { code: '40GP', volumeM3: 67.7, payloadKg: 26_730, inside: { l: 12.03, w: 2.35, h: 2.39 } },
  { code: '40HQ', volumeM3: 76.3, payloadKg: 26_540, inside: { l: 12.03, w: 2.35, h: 2.69 } },
];
