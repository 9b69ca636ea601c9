/**
 * Text from the data shown in the language it was written in (a source's title, a description stored in one
 * language only), marked as such: `lang` for the browser and screen readers, `data-original-lang` for the
 * string walk (test/e2e/strings.spec.ts), and — when the whole text is in the other language — a small
 * "原文（英文）" / "Original (Chinese)" tag for the reader. Words of the other language inside a text in the
 * UI language (a site's domain in a publisher, a product name) are marked the same way, without a tag.
 */
import { Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Lang = 'zh-CN' | 'en';

const CJK = /[\u3400-\u9fff]/g;
const LATIN = /[A-Za-z]/g;

/** The language most of a text is written in: Chinese when its Chinese characters outweigh its Latin words. */
export function dominantLang(text: string): Lang {
  const cjk = text.match(CJK)?.length ?? 0;
  // A Chinese character carries about a word; a Latin word is about five letters.
  const latin = (text.match(LATIN)?.length ?? 0) / 5;
  return cjk >= latin ? 'zh-CN' : 'en';
}

/** Runs of the other language inside a text: Latin words (with their dots and digits) or Chinese characters. */
const FOREIGN_RUN: Record<Lang, RegExp> = {
  'zh-CN': /https?:\/\/\S+|[A-Za-z][A-Za-z0-9.'’&/-]*(?:[ ][A-Za-z0-9][A-Za-z0-9.'’&/-]*)*/g,
  en: /[\u3400-\u9fff][\u3400-\u9fff\d，、：；“”《》（）·—\s]*/g,
};

/** The text with each run of the other language marked (lang and data-original-lang). */
export function markRuns(text: string, ui: Lang): ReactNode[] {
  const out: ReactNode[] = [];
  const foreign: Lang = ui === 'zh-CN' ? 'en' : 'zh-CN';
  let last = 0;
  for (const m of text.matchAll(FOREIGN_RUN[ui])) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    out.push(
      <span key={at} lang={foreign} data-original-lang={foreign}>
        {m[0]}
      </span>,
    );
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function OriginalText({ text, tag = true }: { text: string | null | undefined; tag?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!text) return null;
  const ui: Lang = i18n.language === 'en-US' ? 'en' : 'zh-CN';
  const lang = dominantLang(text);
  if (lang === ui) return <>{markRuns(text, ui)}</>;
  const name = t(lang === 'en' ? 'originalText.en' : 'originalText.zh');
  return (
    <span data-testid="original-text">
      <span lang={lang} data-original-lang={lang}>
        {text}
      </span>
      {tag && (
        <Tooltip title={t('originalText.help', { lang: name })}>
          <Tag bordered={false} style={{ marginInlineStart: 6, fontSize: 11 }} data-testid="original-text-tag">
            {t('originalText.tag', { lang: name })}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}
