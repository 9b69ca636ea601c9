/**
 * English counts read right: "1 version", "2 versions". i18next picks `<key>_one` / `<key>_other` (falling back
 * to `<key>`) from the `count` option, so every message with {{count}} needs its `_one` form, and no message may
 * put a plural noun after another figure ("{{n}} versions"), which no plural form can follow.
 */
import { describe, expect, it } from 'vitest';
import enUS from './en-US';

/** Every leaf string of a message tree, by its dotted key. */
function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[`${prefix}${k}`, v]] : v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [],
  );
}

/** Words ending in s after a figure that are no plural noun (verbs, units). */
const NOT_PLURAL = new Set(['is', 'has', 'was', 'as', 'its', 'this', 'plus', 'yes', 'less', 'ms', 'breaks']);

/** Messages where another figure than {{count}} is followed by a plural noun (the figure may be 1). */
function fixedPlurals(messages: [string, string][]): string[] {
  return messages
    .filter(([, v]) =>
      [...v.matchAll(/\{\{\s*(\w+)\s*\}\}\s+(?:[\w-]+\s+)?([A-Za-z]+s)\b/g)].some(
        (m) => m[1] !== 'count' && !NOT_PLURAL.has((m[2] ?? '').toLowerCase()),
      ),
    )
    .map(([k]) => k);
}

describe('English plurals', () => {
  const all = leaves(enUS);

  it('gives every message with a count a singular form (i18next _one / _other)', () => {
    const keys = new Set(all.map(([k]) => k));
    const missing = all
      .filter(([, v]) => /\{\{\s*count\b/.test(v))
      .map(([k]) => k.replace(/_(one|other|zero|two|few|many)$/, ''))
      .filter((base) => !keys.has(`${base}_one`));
    expect([...new Set(missing)]).toEqual([]);
  });

  it('puts no fixed plural noun after a figure other than {{count}}', () => {
    expect(fixedPlurals(all)).toEqual([]);
  });

  it('finds a fixed plural such as "{{n}} versions"', () => {
    expect(
      fixedPlurals([
        ['a', '{{n}} versions'],
        ['b', '{{name}} has 2 parks'],
        ['c', 'Versions: {{n}}'],
      ]),
    ).toEqual(['a']);
  });
});
