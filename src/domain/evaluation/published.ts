/**
 * The rule sets ParkLink ships (data/evaluation/*.json): 黄岩 2023 and 淮安 2024 per-mu schemes, the Wuhan
 * default (an assumption), the 2022 and 2026 tier measures and the default renewal rules, each with its
 * source. Read and checked here; the server stores them as version 1 of each code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type TRuleSetInput, ZRuleSetInput } from '../../contracts/evaluation.js';

export const PUBLISHED_CODES = [
  'huangyan-2023',
  'huaian-2024',
  'wuhan-default',
  'miit-2022',
  'miit-2026',
  'renewal-default',
] as const;

const DIR = new URL('../../../data/evaluation/', import.meta.url);

export function loadPublished(code: (typeof PUBLISHED_CODES)[number]): TRuleSetInput {
  const text = readFileSync(fileURLToPath(new URL(`${code}.json`, DIR)), 'utf8');
  return ZRuleSetInput.parse(JSON.parse(text));
}

export const loadAllPublished = (): TRuleSetInput[] => PUBLISHED_CODES.map(loadPublished);
