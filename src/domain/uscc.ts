/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015). 18 characters from a 31-character
 * alphabet (no I O S V Z): registration authority, entity type, GB/T 2260 area code (6), organisation
 * code (9, with its own GB 11714 check) and a check character over positions 1–17 (weights 3^(i−1)
 * mod 31). Real registers hold a few codes that fail the check, so a failure is reported, not thrown:
 * the caller decides whether a person must confirm it.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'; // GB 11714 body characters

export type UsccProblem =
  | 'empty'
  | 'length'
  | 'illegal_character'
  | 'area_code'
  | 'check_character'
  | 'org_check_character';

export interface UsccResult {
  /** Upper-cased, whitespace removed. */
  normalized: string;
  valid: boolean;
  problems: UsccProblem[];
  /** The check character the first 17 characters call for, when computable. */
  expectedCheck: string | null;
  parts: { authority: string; entityType: string; areaCode: string; orgCode: string; check: string } | null;
}

/** Check character for the first 17 characters, or null if any is outside the alphabet. */
export function usccCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] as number);
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[c] as string;
}

/** GB 11714 check character of a 9-character organisation code body (first 8 characters). */
export function orgCodeCheckCharacter(first8: string): string | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = ORG_ALPHABET.indexOf(first8[i] ?? '');
    if (v < 0) return null;
    sum += v * (ORG_WEIGHTS[i] as number);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function checkUscc(input: string): UsccResult {
  const normalized = input.replace(/\s+/g, '').toUpperCase();
  const problems: UsccProblem[] = [];
  if (normalized.length === 0) {
    return { normalized, valid: false, problems: ['empty'], expectedCheck: null, parts: null };
  }
  if (normalized.length !== 18) problems.push('length');
  if ([...normalized].some((ch) => !USCC_ALPHABET.includes(ch))) problems.push('illegal_character');
  if (problems.length > 0) return { normalized, valid: false, problems, expectedCheck: null, parts: null };

  const parts = {
    authority: normalized.slice(0, 1),
    entityType: normalized.slice(1, 2),
    areaCode: normalized.slice(2, 8),
    orgCode: normalized.slice(8, 17),
    check: normalized.slice(17),
  };
  if (!/^\d{6}$/.test(parts.areaCode)) problems.push('area_code');
  const expectedCheck = usccCheckCharacter(normalized.slice(0, 17));
  if (expectedCheck !== parts.check) problems.push('check_character');
  // The organisation code's own check is informative: some lawful codes predate it.
  const orgCheck = orgCodeCheckCharacter(parts.orgCode.slice(0, 8));
  if (orgCheck !== null && orgCheck !== parts.orgCode[8]) problems.push('org_check_character');
  const valid = !problems.includes('check_character') && !problems.includes('area_code');
  return { normalized, valid, problems, expectedCheck, parts };
}

/**
 * Builds a code with correct check characters from an area code and an 8-character organisation
 * body — used to make synthetic demo and benchmark enterprises that pass validation.
 */
export function makeUscc(areaCode: string, orgBody8: string, authority = '9', entityType = '1'): string {
  const orgCheck = orgCodeCheckCharacter(orgBody8);
  if (orgCheck === null || !/^\d{6}$/.test(areaCode))
    throw new Error(`cannot build a code from ${areaCode}/${orgBody8}`);
  const first17 = `${authority}${entityType}${areaCode}${orgBody8}${orgCheck}`;
  const check = usccCheckCharacter(first17);
  if (check === null) throw new Error(`cannot build a code from ${first17}`);
  return first17 + check;
}
