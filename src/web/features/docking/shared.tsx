/** Pieces shared by the docking pages: tags, the evidence of a match, the list of a posting's matches. */
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { UNITS } from '../../../contracts/docking';
import { fmtFixed, fmtNumber } from '../../app/format';
import { Confidential } from '../../components/Confidential';
import { dominantLang } from '../../components/OriginalText';
import { QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type TMatch, useMatches } from './api';

/** A dynamic message key of this feature (the typed keys cannot follow a template string). */
export const k = (s: string) => s as 'docking.title';

const TIER_COLOR: Record<string, string> = {
  building: 'green',
  park: 'cyan',
  district: 'blue',
  city: 'geekblue',
  outside: 'default',
};

export function TierTag({ tier }: { tier: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={TIER_COLOR[tier]} data-testid={`tier-${tier}`}>
      {t(k(`docking.tier_${tier}`))}
    </Tag>
  );
}

/** A quantity with its unit, or the lock when withheld. */
export function Quantity({ q, unit }: { q: number | null; unit: string | null }) {
  const { i18n } = useTranslation();
  if (q === null) return <Confidential compact />;
  const u = unit ? UNITS[unit as keyof typeof UNITS] : null;
  return (
    <span>
      {fmtNumber(q, 0, i18n.language)} {u ? (i18n.language === 'en-US' ? u.en : u.zh) : ''}
    </span>
  );
}

export function MatchStatus({ status }: { status: TMatch['status'] }) {
  const { t } = useTranslation();
  const color = { new: 'blue', pending: 'gold', contact: 'purple', deal: 'green', declined: 'default' }[status];
  return <Tag color={color}>{t(k(`docking.mStatus_${status}`))}</Tag>;
}

/** Why a pair was suggested, in one line each. */
export function Evidence({ m }: { m: TMatch }) {
  const { t, i18n } = useTranslation();
  const e = m.evidence;
  return (
    <Space direction="vertical" size={2} data-testid="evidence">
      <span>
        <TierTag tier={e.tier} />
        {e.floors && (
          <Typography.Text>{t('docking.floors', { d: e.floors.demand, s: e.floors.supply })}</Typography.Text>
        )}
      </span>
      {e.edge && (
        <span>
          {t('docking.edge')}: {e.edge.fromName ?? e.edge.from} → {e.edge.toName ?? e.edge.to}
        </span>
      )}
      {!e.edge && e.sameNode && <span>{t('docking.sameNode')}</span>}
      {e.terms.length > 0 && (
        <span>
          {t('docking.sharedTerms')}: {/* words of the two postings, in the language they were written in */}
          {e.terms.map((x) => (
            <Tag key={x}>
              <span lang={dominantLang(x)} data-original-lang={dominantLang(x)}>
                {x}
              </span>
            </Tag>
          ))}
        </span>
      )}
      {e.synonyms.length > 0 && (
        <span>
          {t('docking.synonyms')}:{' '}
          <span data-original-lang={dominantLang(e.synonyms.map((s) => s.from + s.to).join(''))}>
            {e.synonyms.map((s) => `${s.from} → ${s.to}`).join(i18n.language === 'en-US' ? '; ' : '；')}
          </span>
        </span>
      )}
      <span>
        {t('docking.capacity')}: {t(k(`docking.fit_${e.capacity.fit}`))}
        {e.capacity.ratio !== null && ` · ${t('docking.ratio', { r: e.capacity.ratio })}`}
      </span>
      {(e.pastDeal || m.known) && <Tag color="green">{m.known ? t('docking.known') : t('docking.pastDeal')}</Tag>}
    </Space>
  );
}

/** The matches of one posting, best first, each with its evidence and a link to the match page. */
export function PostingMatches({ postingId, kind }: { postingId: number; kind: 'supply' | 'demand' }) {
  const { t } = useTranslation();
  const q = useMatches({ postingId, pageSize: 20 });
  return (
    <QueryView query={q} isEmpty={(d) => d.items.length === 0}>
      {(d) => (
        <Table<TMatch>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.items}
          data-testid="posting-matches"
          columns={[
            {
              title: kind === 'demand' ? t('docking.supplySide') : t('docking.demandSide'),
              key: 'other',
              render: (_, m) => {
                const other = kind === 'demand' ? m.supply : m.demand;
                return (
                  <Space direction="vertical" size={0}>
                    <span>
                      {other.enterpriseName} <SyntheticBadge synthetic={m.synthetic} />
                    </span>
                    <Typography.Text type="secondary">{other.title ?? t('docking.firmProfile')}</Typography.Text>
                  </Space>
                );
              },
            },
            {
              title: t('docking.score'),
              dataIndex: 'score',
              key: 'score',
              width: 80,
              render: (v: number) => fmtFixed(v, 2),
            },
            { title: t('docking.evidence'), key: 'ev', render: (_, m) => <Evidence m={m} /> },
            { title: t('docking.status'), key: 'st', width: 120, render: (_, m) => <MatchStatus status={m.status} /> },
            {
              title: '',
              key: 'open',
              width: 70,
              render: (_, m) => (
                <Link to={`/docking/matches/${m.id}`}>
                  <Button size="small" data-testid={`open-match-${m.id}`}>
                    {t('docking.openMatch')}
                  </Button>
                </Link>
              ),
            },
          ]}
        />
      )}
    </QueryView>
  );
}
