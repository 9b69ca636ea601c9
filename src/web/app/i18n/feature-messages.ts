/**
 * Feature-owned strings: each feature keeps its zh and en messages in its own messages.ts; the bundles
 * (zh-CN.ts, en-US.ts) take every namespace listed here, so a new feature adds one line.
 */
import * as chainAdmin from '../../features/chain-admin/messages';
import * as chains from '../../features/chains/messages';
import * as cockpit from '../../features/cockpit/messages';
import * as conference from '../../features/conferences/messages';
import * as invest from '../../features/projects/messages';

const FEATURE_MESSAGES = { chains, chainAdmin, invest, conference, cockpit };
type FeatureMessages = typeof FEATURE_MESSAGES;

function pick<L extends 'zh' | 'en'>(lang: L): { [K in keyof FeatureMessages]: FeatureMessages[K][L] } {
  return Object.fromEntries(Object.entries(FEATURE_MESSAGES).map(([ns, m]) => [ns, m[lang]])) as {
    [K in keyof FeatureMessages]: FeatureMessages[K][L];
  };
}

export const featuresZh = pick('zh');
export const featuresEn = pick('en');
