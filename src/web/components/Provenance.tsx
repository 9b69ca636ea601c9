import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ageInDays, freshnessOf } from '../app/format';
import { useSources } from '../client/queries';

const FRESH_COLOR = { fresh: 'green', aging: 'gold', stale: 'red' } as const;

/** A source's title for a reader: the user, the synthetic demo data or the source's citation title. */
export function useSourceTitle(sourceId: string | null | undefined): string | undefined {
  const { t } = useTranslation();
  const sources = useSources();
  if (!sourceId) return undefined;
  if (sourceId === 'user') return t('provenance.userSource');
  if (sourceId === 'synthetic') return t('provenance.syntheticSource');
  return sources.data?.items.find((s) => s.id === sourceId)?.title ?? sourceId;
}

/**
 * "Source: … · as of 2024-05-01 (≈ 18 months ago)" with a freshness colour. `bare` drops the "Source:"
 * prefix where a field label already says it (a description row labelled 来源).
 */
export function Provenance({
  sourceId,
  asOf,
  compact,
  bare,
}: {
  sourceId?: string | null;
  asOf?: string | null;
  compact?: boolean;
  bare?: boolean;
}) {
  const { t } = useTranslation();
  const title = useSourceTitle(sourceId);
  const days = asOf ? ageInDays(asOf) : null;
  const fresh = days === null ? null : freshnessOf(days);
  const age =
    days === null
      ? ''
      : days < 60
        ? t('provenance.ageDays', { count: days })
        : days < 730
          ? t('provenance.ageMonths', { count: Math.round(days / 30.4) })
          : t('provenance.ageYears', { count: Math.round(days / 365.25) });
  return (
    <Space size={4} wrap className="provenance" data-testid="provenance">
      {title && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {bare ? '' : `${t('provenance.source')}: `}
          {sourceId && sourceId !== 'user' ? (
            <Link to={`/sources#${encodeURIComponent(sourceId)}`} title={title}>
              {compact && title.length > 24 ? `${title.slice(0, 24)}…` : title}
            </Link>
          ) : (
            title
          )}
        </Typography.Text>
      )}
      {asOf && fresh ? (
        <Tooltip title={`${t(`provenance.${fresh}`)} · ${age}`}>
          <Tag color={FRESH_COLOR[fresh]} style={{ marginInlineEnd: 0 }} data-testid="as-of">
            {t('provenance.asOf', { date: asOf.slice(0, 10) })}
            {compact ? '' : ` · ${age}`}
          </Tag>
        </Tooltip>
      ) : (
        <Tag style={{ marginInlineEnd: 0 }}>{t('provenance.noDate')}</Tag>
      )}
    </Space>
  );
}
