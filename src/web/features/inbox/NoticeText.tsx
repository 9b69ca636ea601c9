/**
 * A notification's text in the reader's language: its kind's template, kept by the sending module's
 * feature (`<feature>.notice.<kind>`, see notice-key.ts), with the parameters put in. Names and titles are data and stay as written (marked as original text); a level is a label.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TInboxItem } from '../../../contracts/inbox';
import { OriginalText } from '../../components/OriginalText';
import { noticeKey, noticeVars } from './notice-key';

const MARK = '\u0000';

export function NoticeText({ item }: { item: Pick<TInboxItem, 'kind' | 'params'> }): ReactNode {
  const { t, i18n } = useTranslation();
  const key = noticeKey(item.kind);
  if (!i18n.exists(key)) return t('inbox.kind_unknown');
  // A parameter that is a code (a level) reads by its label beside the template: `<feature>.notice.level_city`.
  const labels = key.slice(0, key.lastIndexOf('.') + 1);
  const { p, vars } = noticeVars(item.params, {
    lang: i18n.language,
    mark: MARK,
    label: (name, v) =>
      name === 'level' && i18n.exists(`${labels}level_${v}`)
        ? t(`${labels}level_${v}` as 'inbox.kind_unknown')
        : undefined,
  });
  const text = (t as unknown as (k: string, o: Record<string, string | number>) => string)(key, vars);
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
