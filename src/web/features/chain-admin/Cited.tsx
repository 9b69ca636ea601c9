/**
 * A template's research notes as a reader sees them: the citation keys of the reference ("[OE6]", "(GK)")
 * become numbered citations resolved from the template's source list, each opening the source as a reader
 * cites it (publisher, 《title》, date, link) with a plain status badge; a note stored in the other language
 * is shown as original text (components/OriginalText.tsx). The data keeps its keys, so editing is unchanged.
 */
import { Popover, Space, Tag, Typography } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dominantLang, markRuns } from '../../components/OriginalText';
import { Citation, SourceStatusBadge } from '../sources/SourcesPage';
import type { TChainTemplate } from './api';
import { asCitation, GK, parseCited } from './cite';

type ChainSource = TChainTemplate['sources'][number];

/** One source, cited: citation, badge, its tier and the note on what it supports. */
export function ChainSourceCitation({ source, sources }: { source: ChainSource; sources: readonly ChainSource[] }) {
  const { t } = useTranslation();
  if (source.tag === GK) {
    return (
      <Space size={6} wrap>
        <span>{t('chainAdmin.generalKnowledge')}</span>
        <SourceStatusBadge status="unverified" />
      </Space>
    );
  }
  return (
    <Space size={6} wrap align="start" data-testid="chain-source">
      <Citation source={asCitation(source)} />
      <SourceStatusBadge status="unverified" />
      <Tag bordered={false} style={{ fontSize: 11 }}>
        {t(`chainAdmin.tier_${source.tier}`)}
      </Tag>
      {source.note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <CitedText text={source.note} sources={sources} />
        </Typography.Text>
      )}
    </Space>
  );
}

/** A citation mark: its number in the template's source list, the source on hover or click. */
function Mark({ tag, sources }: { tag: string; sources: readonly ChainSource[] }) {
  const { t } = useTranslation();
  const i = sources.findIndex((s) => s.tag === tag);
  const source = sources[i];
  if (tag === GK || !source) {
    // General knowledge, or a key the list lacks (the publish check reports it): said in words.
    return (
      <Tag bordered={false} color="gold" style={{ fontSize: 11, marginInline: 4 }} data-testid="cite-gk">
        {t(tag === GK ? 'chainAdmin.generalKnowledgeShort' : 'chainAdmin.unknownSource')}
      </Tag>
    );
  }
  return (
    <Popover
      content={
        <div style={{ maxWidth: 480 }}>
          <ChainSourceCitation source={source} sources={[]} />
        </div>
      }
    >
      <sup data-testid="cite" style={{ cursor: 'pointer', color: '#1677ff', marginInline: 1 }}>
        [{i + 1}]
      </sup>
    </Popover>
  );
}

/** A note with its keys shown as numbered citations, in the reader's language or marked as original text. */
export function CitedText({ text, sources }: { text: string | null | undefined; sources: readonly ChainSource[] }) {
  const { t, i18n } = useTranslation();
  if (!text) return null;
  const parts = parseCited(text);
  const plain = parts.map((p) => ('text' in p ? p.text : '')).join('');
  const ui = i18n.language === 'en-US' ? 'en' : 'zh-CN';
  const lang = dominantLang(plain);
  const own = lang === ui;
  const body: ReactNode[] = parts.map((p, k) =>
    'text' in p ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
      <Fragment key={k}>{own ? markRuns(p.text, ui) : p.text}</Fragment>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
      <Mark key={k} tag={p.tag} sources={sources} />
    ),
  );
  if (own) return <span data-testid="cited-text">{body}</span>;
  const name = t(lang === 'en' ? 'originalText.en' : 'originalText.zh');
  return (
    <span data-testid="cited-text">
      <span lang={lang} data-original-lang={lang}>
        {body}
      </span>
      <Tag bordered={false} style={{ marginInlineStart: 6, fontSize: 11 }} data-testid="original-text-tag">
        {t('originalText.tag', { lang: name })}
      </Tag>
    </span>
  );
}
