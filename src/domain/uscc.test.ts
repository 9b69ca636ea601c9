import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUscc, makeUscc, orgCodeCheckCharacter, USCC_ALPHABET, usccCheckCharacter } from './uscc.js';

describe('unified social credit code', () => {
  it('accepts a code whose check character matches', () => {
    const r = checkUscc('91350100M000100Y43');
    expect(r.valid).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.parts).toEqual({ authority: '9', entityType: '1', areaCode: '350100', orgCode: 'M000100Y4', check: '3' });
  });

  it('rejects a code with a wrong check character and says which one it should be', () => {
    const r = checkUscc('91350100M000100Y44');
    expect(r.valid).toBe(false);
    expect(r.problems).toContain('check_character');
    expect(r.expectedCheck).toBe('3');
  });

  it('normalises lower case and spaces before checking', () => {
    expect(checkUscc(' 91350100m000100y43 ').valid).toBe(true);
  });

  it('reports a wrong length and characters outside the alphabet (I O S V Z)', () => {
    expect(checkUscc('9135010').problems).toEqual(['length']);
    expect(checkUscc('91350100M000100YO3').problems).toEqual(['illegal_character']);
    expect(checkUscc('').problems).toEqual(['empty']);
  });

  it('maps a check value of 31 to 0', () => {
    // Find a 17-character prefix whose weighted sum is divisible by 31: its check character is '0'.
    const prefix = '91420112MA4K00000';
    const c = usccCheckCharacter(prefix);
    expect(c).not.toBeNull();
    expect(USCC_ALPHABET.includes(c as string)).toBe(true);
    let found = false;
    for (const ch of USCC_ALPHABET) {
      const p = `${prefix.slice(0, 16)}${ch}`;
      if (usccCheckCharacter(p) === '0') found = true;
    }
    expect(found).toBe(true);
  });

  it('computes the GB 11714 organisation check with X for 10', () => {
    expect(orgCodeCheckCharacter('M000100Y')).toBe('4');
    const xs = [...Array(2000).keys()].map((i) => String(i).padStart(8, '0')).map(orgCodeCheckCharacter);
    expect(xs).toContain('X');
    expect(xs).toContain('0');
  });

  it('flags a non-numeric area code', () => {
    expect(checkUscc('91ABCDEFM000100Y43').problems).toContain('area_code');
  });

  it('builds codes that always pass, and detects any single changed character', () => {
    const char = fc.constantFrom(...USCC_ALPHABET);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 }),
        fc.array(char, { minLength: 8, maxLength: 8 }),
        fc.nat(16),
        char,
        (area, body, pos, replacement) => {
          const code = makeUscc(area.join(''), body.join(''));
          expect(checkUscc(code).valid).toBe(true);
          if (code[pos] !== replacement) {
            const changed = code.slice(0, pos) + replacement + code.slice(pos + 1);
            expect(checkUscc(changed).problems).toContain('check_character');
          }
        },
      ),
    );
  });
});
