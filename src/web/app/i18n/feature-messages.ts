/**
 * Feature-owned strings: each feature keeps its zh and en messages in its own messages.ts; the bundles
 * (zh-CN.ts, en-US.ts) take every namespace listed here, so a new feature adds one line.
 */
import * as chainAdmin from '../../features/chain-admin/messages';
import * as chains from '../../features/chains/messages';
import * as cockpit from '../../features/cockpit/messages';
import * as conference from '../../features/conferences/messages';
import * as consolidation from '../../features/consolidation/messages';
import * as docking from '../../features/docking/messages';
import * as evaluation from '../../features/evaluation/messages';
import * as invest from '../../features/projects/messages';
import * as services from '../../features/services/messages';
import * as space from '../../features/space/messages';

const FEATURE_MESSAGES = {
  chainAdmin,
  chains,
  cockpit,
  conference,
  docking,
  evaluation,
  consolidation,
  invest,
  space,
  services,
};
type FeatureMessages = typeof FEATURE_MESSAGES;

function pick<L extends 'zh' | 'en'>(lang: L): { [K in keyof FeatureMessages]: FeatureMessages[K][L] } {
  return Object.fromEntries(Object.entries(FEATURE_MESSAGES).map(([ns, m]) => [ns, m[lang]])) as {
    [K in keyof FeatureMessages]: FeatureMessages[K][L];
  };
}

export const featuresZh = pick('zh');
export const featuresEn = pick('en');
