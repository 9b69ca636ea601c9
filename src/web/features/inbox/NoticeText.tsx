/**
 * A notification's text in the reader's language: its kind's template (inbox.kind_…) with the parameters
 * put in. Names and titles are data and stay as written (marked as original text); a level is a label.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TInboxItem } from '../../../contracts/inbox';
import { OriginalText } from '../../components/OriginalText';

const MARK = '\u0000';

export function NoticeText({ item }: { item: Pick<TInboxItem, 'kind' | 'params'> }): ReactNode {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const key = `inbox.kind_${item.kind.replace(/\./g, '_')}`;
  if (!i18n.exists(key)) return t('inbox.kind_unknown');
  const p = { ...item.params };
  // A parameter with an English twin (policyTitleEn, tierNameEn) reads in English there.
  for (const [name, v] of Object.entries(item.params))
    if (en && name.endsWith('En') && typeof v === 'string' && v) p[name.slice(0, -2)] = v;
  const vars: Record<string, string> = {};
  for (const [name, v] of Object.entries(p)) {
    if (name === 'level' && typeof v === 'string') vars[name] = t(`inbox.level_${v}` as 'inbox.level_city');
    else if (typeof v === 'number') vars[name] = v.toLocaleString(i18n.language);
    // An ISO day (a due date) is a date, not a name: plain text.
    else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) vars[name] = v;
    else vars[name] = `${MARK}${name}${MARK}`;
  }
  const text = (t as unknown as (k: string, o: Record<string, string>) => string)(key, vars);
  // Split at the marked names: every other part is a parameter name, shown as the data it is.
  const out: ReactNode[] = [];
  let at = 0;
  let isName = false;
  for (const part of text.split(MARK)) {
    out.push(isName ? <OriginalText key={`n${at}`} text={String(p[part] ?? '')} tag={false} /> : part);
    at += part.length + 1;
    isName = !isName;
  }
  return out;
}
