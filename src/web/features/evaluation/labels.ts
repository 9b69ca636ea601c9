/** Labels shared by the evaluation pages (the page, the rule-set editor, the letter). */

/** A rule set's name in the current language. */
export const ruleSetName = (s: { name: string; nameEn?: string | null }, lang: 'zh' | 'en') =>
  lang === 'zh' ? s.name : (s.nameEn ?? s.name);

/** The fields a park-renewal condition may name (domain/evaluation/renewal.ts ParkFacts). */
export const RENEWAL_FIELDS = ['dSharePct', 'landOutputRatio', 'vacancyPct', 'buildingAgeYears'] as const;

export const OPS = ['>=', '>', '<=', '<', '=', '!='] as const;
