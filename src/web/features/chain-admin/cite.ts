/** Citation keys in a template's notes and its sources as citations: the pure part of Cited.tsx. */
import type { TSource } from '../../client/types';
import type { TChainTemplate } from './api';

type ChainSource = TChainTemplate['sources'][number];
/** The key of general knowledge: no cited source. */
export const GK = 'GK';

type Part = { text: string } | { tag: string };

/**
 * Splits a note into its text and its citation keys: bracketed keys ("[OE6]", "[NM1][NM2]") and the
 * general-knowledge mark ("(GK)", "(GK; optional)", ", GK)", "GK plus"). Whitespace before a key goes with it.
 */
export function parseCited(text: string): Part[] {
  // The general-knowledge mark in its forms, first brought to one: "x (GK)", "(GK; optional)", "(…, GK)", "GK plus".
  const norm = text
    .replace(/\s*\(GK\)/g, ' GK')
    .replace(/\(GK;\s*([^)]*)\)/g, '($1) GK')
    .replace(/,\s*GK\)/g, ') GK')
    .replace(/\bGK\s+plus\s+/g, 'GK ');
  const out: Part[] = [];
  let last = 0;
  for (const m of norm.matchAll(/\s*\[([A-Z]+\d*)\]|\s*\bGK\b/g)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: norm.slice(last, at) });
    out.push({ tag: m[1] ?? GK });
    last = at + m[0].length;
  }
  if (last < norm.length) out.push({ text: norm.slice(last) });
  return out;
}

/** The note without its keys (where no source list is at hand, e.g. the template list). */
export function withoutKeys(text: string): string {
  return parseCited(text)
    .map((p) => ('text' in p ? p.text : ''))
    .join('')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * A chain source as the sources page cites one: a trailing bracket naming a site ("(cectop.cn)") is its
 * publisher, one with a year its date. The reference's sources were read through copies and are not yet
 * checked against the publishers' own text, so each is "to verify".
 */
export function asCitation(s: ChainSource): TSource {
  let title = s.title;
  let publisher: string | null = null;
  let publishedOn: string | null = null;
  const tail = /\s*\(([^()]+)\)\s*$/.exec(title);
  if (tail?.[1]) {
    const inner = tail[1];
    if (/^[\w.-]+\.[a-z]{2,}(?:[ ,;].*)?$/i.test(inner) || /\.(?:com|cn|net|org)\b/.test(inner)) publisher = inner;
    else if (/\b(?:19|20)\d\d\b/.test(inner)) publishedOn = inner;
    if (publisher || publishedOn) title = title.slice(0, tail.index);
  }
  // A title that is one 《…》 is quoted by the citation itself.
  title = title.trim().replace(/^《([^《》]*)》$/, '$1');
  return {
    id: s.tag.toLowerCase(),
    title,
    publisher,
    url: s.url ?? null,
    publishedOn,
    status: 'unverified',
    note: s.note ?? null,
  } as TSource;
}
