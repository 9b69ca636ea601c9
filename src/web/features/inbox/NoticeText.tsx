/**
 * A notification's text in the reader's language: its kind's template, kept by the sending module's
 * feature (`<feature>.notice.<kind>`, see notice-key.ts), with the parameters put in. Names and titles are data and stay as written (marked as original text); a level is a label.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TInboxItem } from '../../../contracts/inbox';
import { OriginalText } from '../../components/OriginalText';
import { noticeKey } from './notice-key';

const MARK = '\u0000';

export function NoticeText({ item }: { item: Pick<TInboxItem, 'kind' | 'params'> }): ReactNode {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const key = noticeKey(item.kind);
  if (!i18n.exists(key)) return t('inbox.kind_unknown');
  // A parameter that is a code (a level) reads by its label beside the template: `<feature>.notice.level_city`.
  const labels = key.slice(0, key.lastIndexOf('.') + 1);
  const p = { ...item.params };
  // A parameter with an English twin (policyTitleEn, tierNameEn) reads in English there.
  for (const [name, v] of Object.entries(item.params))
    if (en && name.endsWith('En') && typeof v === 'string' && v) p[name.slice(0, -2)] = v;
  const vars: Record<string, string> = {};
  for (const [name, v] of Object.entries(p)) {
    if (name === 'level' && typeof v === 'string' && i18n.exists(`${labels}level_${v}`))
      vars[name] = t(`${labels}level_${v}` as 'inbox.kind_unknown');
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
