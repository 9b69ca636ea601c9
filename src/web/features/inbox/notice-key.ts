/**
 * Where a notification kind's template lives: in the messages of the feature of the module that sends it
 * (`docking.new_matches` → `docking.notice.new_matches`), so a new module brings its own templates and
 * edits no shared file. Pure, so the words test checks every kind the server can send.
 */

/** Server modules whose web feature keeps its messages under another namespace. */
const FEATURE_NS: Record<string, string> = { conferences: 'conference', chains: 'chainAdmin' };

/** The feature namespace of a server module (the part of a kind before the dot). */
export const moduleNs = (module: string): string => FEATURE_NS[module] ?? module;

/** The i18n key of a kind's template; a kind without a module part has none ('inbox.kind_unknown'). */
export function noticeKey(kind: string): string {
  const dot = kind.indexOf('.');
  if (dot <= 0) return 'inbox.kind_unknown';
  return `${moduleNs(kind.slice(0, dot))}.notice.${kind.slice(dot + 1).replace(/\./g, '_')}`;
}
