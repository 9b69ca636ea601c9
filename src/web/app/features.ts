/// <reference types="vite/client" />
/**
 * The web features, one per folder under features/ that has a feature.tsx: found by Vite's
 * import.meta.glob, so no shared file lists them. The router and the side menu loop over FEATURES,
 * in each feature's `order`.
 */
import type { WebFeature } from './feature';

const isFeature = (v: unknown): v is WebFeature =>
  typeof v === 'object' && v !== null && typeof (v as WebFeature).name === 'string' && 'order' in v;

/** The features of some feature.tsx modules (path → exports), in their order; a name taken twice throws. */
export function collectFeatures(mods: Record<string, Record<string, unknown>>): WebFeature[] {
  const out: WebFeature[] = [];
  for (const [path, mod] of Object.entries(mods)) {
    const found = Object.values(mod).filter(isFeature);
    if (found.length !== 1) throw new Error(`${path} must export one WebFeature (with name and order)`);
    const f = found[0]!;
    if (out.some((g) => g.name === f.name)) throw new Error(`web feature ${f.name} is declared twice`);
    out.push(f);
  }
  return out.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

export const FEATURES: readonly WebFeature[] = collectFeatures(
  import.meta.glob<Record<string, unknown>>('../features/*/feature.tsx', { eager: true }),
);

/**
 * The side-menu entry a page belongs to: the entry whose path is the longest prefix of the page's path at a
 * segment boundary (/space/planner → its own entry, not 空间; /enterprises/12/edit → 企业), else none.
 */
export function activeNavKey(pathname: string, keys: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const key of keys) {
    const hit = pathname === key || pathname.startsWith(key === '/' ? '/' : `${key}/`);
    if (hit && (key !== '/' || pathname === '/') && (!best || key.length > best.length)) best = key;
  }
  return best;
}
