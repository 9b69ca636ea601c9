/**
 * Where a notification kind's template lives: in the messages of the feature of the module that sends it
 * (`docking.new_matches` → `docking.notice.new_matches`), so a new module brings its own templates and
 * edits no shared file. Pure, so the words test checks every kind the server can send.
 */

/** Server modules whose web feature keeps its messages under another namespace (import: the shared bundle's). */
const FEATURE_NS: Record<string, string> = { conferences: 'conference', chains: 'chainAdmin', import: 'importer' };

/** The feature namespace of a server module (the part of a kind before the dot). */
export const moduleNs = (module: string): string => FEATURE_NS[module] ?? module;

/** The i18n key of a kind's template; a kind without a module part has none ('inbox.kind_unknown'). */
export function noticeKey(kind: string): string {
  const dot = kind.indexOf('.');
  if (dot <= 0) return 'inbox.kind_unknown';
  return `${moduleNs(kind.slice(0, dot))}.notice.${kind.slice(dot + 1).replace(/\./g, '_')}`;
}

/**
 * The values a kind's template is filled with: an English twin (tierNameEn) stands in for its parameter in
 * English; a code with a label (a level) reads as the label; numbers in the reader's locale, except `count`,
 * which stays a number so i18next picks its plural form (`_one`); an ISO day as is; any other string (a name,
 * a title: data) as its name between `mark`s, for the caller to show as original text. Returns the parameters
 * after the twins (`p`) and the template's values (`vars`).
 */
export function noticeVars(
  params: Record<string, string | number | null>,
  opts: { lang: string; mark: string; label?: (name: string, value: string) => string | undefined },
): { p: Record<string, string | number | null>; vars: Record<string, string | number> } {
  const en = opts.lang === 'en-US';
  const p = { ...params };
  for (const [name, v] of Object.entries(params))
    if (en && name.endsWith('En') && typeof v === 'string' && v) p[name.slice(0, -2)] = v;
  const vars: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(p)) {
    const label = typeof v === 'string' ? opts.label?.(name, v) : undefined;
    if (label !== undefined) vars[name] = label;
    else if (name === 'count' && typeof v === 'number') vars[name] = v;
    else if (typeof v === 'number') vars[name] = v.toLocaleString(opts.lang);
    else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) vars[name] = v;
    else vars[name] = `${opts.mark}${name}${opts.mark}`;
  }
  return { p, vars };
}
