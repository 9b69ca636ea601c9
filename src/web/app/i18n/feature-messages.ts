/// <reference types="vite/client" />
/**
 * Feature-owned strings: each feature keeps its zh and en messages in its own messages.ts, which exports
 * `namespace`, `zh` and `en` and adds its namespace to the FeatureMessages interface below (a module
 * augmentation, so the keys stay typed). The bundles (zh-CN.ts, en-US.ts) take every features/<name>/messages.ts
 * found by import.meta.glob, so a new feature edits no shared file.
 */
import type { Widen } from './widen';

// biome-ignore lint/suspicious/noEmptyInterface: filled by each feature's messages.ts (declare module)
export interface FeatureMessages {}

interface MessagesModule {
  namespace: string;
  zh: object;
  en: object;
}

/** zh and en of some messages.ts modules (path → exports); a namespace taken twice throws. */
export function collectMessages(mods: Record<string, MessagesModule>): { zh: object; en: object } {
  const zh: Record<string, object> = {};
  const en: Record<string, object> = {};
  for (const [path, m] of Object.entries(mods)) {
    if (typeof m.namespace !== 'string' || !m.zh || !m.en) throw new Error(`${path} must export namespace, zh and en`);
    if (m.namespace in zh) throw new Error(`message namespace ${m.namespace} is taken twice (${path})`);
    zh[m.namespace] = m.zh;
    en[m.namespace] = m.en;
  }
  return { zh, en };
}

const all = collectMessages(import.meta.glob<MessagesModule>('../../features/*/messages.ts', { eager: true }));

export const featuresZh = all.zh as FeatureMessages;
export const featuresEn = all.en as { [K in keyof FeatureMessages]: Widen<FeatureMessages[K]> };
