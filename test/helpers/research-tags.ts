/**
 * Research tags of the project's internal notes, which must never reach a user (issue 11 item 5): article ids in
 * prose ("(seed-000)"), confidence tags ("[S]", "[S，湖北日报]", "[S-weak]", "[NF]", "[GK]"), references to the
 * notes themselves ("研究笔记 §1.4") and package paths given as a source ("npm package … geojson").
 */
export const RESEARCH_TAG =
  /[（(]\s*(?:seed|ref)-[a-z0-9-]+|\bseed-\d{3}\b|\bref-[a-z][a-z0-9]*(?:-[a-z0-9]+)*（|\[(?:S|S-weak|NF|GK)(?:[，,][^\]]*)?\]|研究笔记|research notes?\b|npm package/i;

/** An id-like value ("seed-000", "ref-lkg", "GK") is a key, not prose: it is never shown as text. */
const ID_LIKE = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Every string in a JSON-like value with its path, skipping id-like values (keys of other records). */
export function* proseStrings(value: unknown, path = '$'): Generator<[string, string]> {
  if (typeof value === 'string') {
    if (!ID_LIKE.test(value)) yield [path, value];
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* proseStrings(v, `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* proseStrings(v, `${path}.${k}`);
  }
}

/** The strings that carry a research tag, as "path: excerpt" lines. */
export function findResearchTags(value: unknown, where: string): string[] {
  const out: string[] = [];
  for (const [path, s] of proseStrings(value)) {
    const m = RESEARCH_TAG.exec(s);
    if (m) out.push(`${where} ${path}: …${s.slice(Math.max(0, m.index - 20), m.index + 30)}…`);
  }
  return out;
}
