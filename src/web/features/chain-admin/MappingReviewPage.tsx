/**
 * Bulk review of suggested enterprise ↔ node mappings: filters in the URL (chain, park, district,
 * search, status, minimum confidence), counts per status, evidence with the matched words
 * highlighted, sortable; many rows confirmed or rejected in one action.
 */
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Progress, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtDateTime } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { problemText } from '../../app/problems';
import { useUrlState } from '../../app/useUrlState';
import { useAllParks } from '../../client/queries';
import { DistrictFilter, FilterBar, FilterSelect, SearchBox } from '../../components/filters';
import { Highlight } from '../../components/Highlight';
import { dominantLang, markRuns } from '../../components/OriginalText';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { onSortOnly, sortOrderOf } from '../../components/tableSort';
import { StageTag, SyntheticBadge } from '../../components/tags';
import { type ReviewItem, useBulkDecide, useMappingReview, useTemplateList } from './api';

const STATUSES = ['pending', 'confirmed', 'rejected'] as const;
type Status = (typeof STATUSES)[number];
const FILTER_KEYS = ['chain', 'parkId', 'regionCode', 'q', 'minConfidence', 'status', 'sort'];

/** Ranges of every occurrence of the terms in a text, for <Highlight>. */
function rangesOf(text: string, terms: readonly string[]) {
  const lower = text.toLowerCase();
  const out: { start: number; end: number }[] = [];
  for (const term of terms) {
    const x = term.toLowerCase();
    if (!x) continue;
    for (let at = lower.indexOf(x); at >= 0; at = lower.indexOf(x, at + x.length))
      out.push({ start: at, end: at + x.length });
  }
  return out;
}

const SORTS: Record<string, (a: ReviewItem, b: ReviewItem) => number> = {
  confidence: (a, b) => (a.confidence ?? -1) - (b.confidence ?? -1),
  enterprise: (a, b) => a.enterpriseName.localeCompare(b.enterpriseName, 'zh'),
  node: (a, b) => a.nodeId.localeCompare(b.nodeId),
};

export default function MappingReviewPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { en, pickName, actorName } = useLabels();
  const { get, set } = useUrlState();
  const perms = usePermissions();
  const templates = useTemplateList();
  const parks = useAllParks();
  const status: Status = (STATUSES as readonly string[]).includes(get('status') ?? '')
    ? (get('status') as Status)
    : 'pending';
  const params = {
    chainCode: get('chain'),
    parkId: get('parkId'),
    regionCode: get('regionCode'),
    q: get('q'),
    minConfidence: get('minConfidence'),
    status,
  };
  const review = useMappingReview(params);
  const decide = useBulkDecide();
  const [selected, setSelected] = useState<string[]>([]);
  const mayDecide = perms.mayCreate('enterprises');
  const sort = get('sort') ?? '-confidence';

  const rows = useMemo(() => {
    const items = [...(review.data?.items ?? [])];
    const desc = sort.startsWith('-');
    const cmp = SORTS[desc ? sort.slice(1) : sort];
    if (cmp) items.sort((a, b) => (desc ? -cmp(a, b) : cmp(a, b)));
    return items;
  }, [review.data, sort]);

  // the engine writes where a keyword was found in English: name the place in the UI's language; the
  // keyword itself is the template's term (Chinese, or Latin such as SiC), marked where it is in the other language
  const ui = i18n.language === 'en-US' ? 'en' : 'zh-CN';
  const evidenceText = (detail: string) => {
    const where = /^(.*) \((products|description)\)$/.exec(detail);
    if (where)
      return (
        <>
          {markRuns(where[1] ?? '', ui)} (
          {t(where[2] === 'products' ? 'chainAdmin.inProducts' : 'chainAdmin.inDescription')})
        </>
      );
    return detail.replace(
      / in division (\d+) \(node classes (.*)\)$/,
      ` ${t('chainAdmin.inDivision', { division: '$1', classes: '$2' })}`,
    );
  };

  const run = async (to: 'confirmed' | 'rejected') => {
    const chosen = rows.filter((r) => selected.includes(r.key));
    try {
      const out = await decide.mutateAsync(
        chosen.map((r) => ({
          enterpriseId: r.enterpriseId,
          nodeId: r.nodeId,
          status: to,
          ...(r.confidence !== null ? { confidence: r.confidence } : {}),
          evidence: r.evidence,
        })),
      );
      void message.success(t('chainAdmin.decided', out));
      setSelected([]);
    } catch (e) {
      void message.error(problemText(e, i18n.language, t('common.networkError')));
    }
  };

  const columns: ColumnsType<ReviewItem> = [
    {
      title: t('chainAdmin.enterprise'),
      key: 'enterprise',
      width: 190,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'enterprise'),
      render: (_: unknown, r) => (
        <div>
          <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>{' '}
          <SyntheticBadge synthetic={r.synthetic} />
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {r.classCode ? `${r.classCode} ${r.className ?? ''}` : '—'}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('chainAdmin.node'),
      key: 'node',
      width: 200,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'node'),
      render: (_: unknown, r) => (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {en ? r.chainNameEn : r.chainNameZh} ›
          </Typography.Text>
          {/* The segment by its name; its id (oe.active …) only as a hover hint for maintainers. */}
          <div title={r.nodeId}>
            {pickName(r.nodeNameZh, r.nodeNameEn)} {r.keyLink && <Tag color="volcano">★</Tag>}
          </div>
          <StageTag stage={r.stage} />
        </div>
      ),
    },
    {
      title: t('chainAdmin.confidence'),
      key: 'confidence',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'confidence'),
      render: (_: unknown, r) =>
        r.confidence === null ? (
          '—'
        ) : (
          <Progress
            percent={Math.round(r.confidence * 100)}
            size="small"
            status={r.confidence >= 0.7 ? 'success' : 'normal'}
          />
        ),
    },
    {
      title: t('chainAdmin.evidence'),
      key: 'evidence',
      width: 230,
      render: (_: unknown, r) => (
        <Flex wrap gap={4}>
          {r.evidence.map((e) => (
            <Tooltip
              key={`${e.kind}:${e.detail}`}
              title={`${t(`chainAdmin.ev_${e.kind}`)} · +${Math.round(e.weight * 100)}%`}
            >
              <Tag color={e.kind === 'keyword' ? 'gold' : e.kind === 'class' ? 'blue' : 'cyan'}>
                {t(`chainAdmin.ev_${e.kind}`)}: {evidenceText(e.detail)}
              </Tag>
            </Tooltip>
          ))}
        </Flex>
      ),
    },
    {
      title: t('chainAdmin.products'),
      key: 'products',
      render: (_: unknown, r) => {
        const products = r.products.join('、');
        const desc = r.description ?? '';
        return (
          // the firm's own words, in the language it wrote them (marked for the reader and the string walk)
          <div
            style={{ fontSize: 12 }}
            lang={dominantLang(`${products}${desc}`)}
            data-original-lang={dominantLang(`${products}${desc}`)}
          >
            {products && (
              <div>
                <Highlight text={products} ranges={rangesOf(products, r.terms)} />
              </div>
            )}
            {desc && (
              <Typography.Paragraph
                type="secondary"
                ellipsis={{ rows: 2, expandable: true }}
                style={{ margin: 0, fontSize: 12 }}
              >
                <Highlight text={desc} ranges={rangesOf(desc, r.terms)} />
              </Typography.Paragraph>
            )}
          </div>
        );
      },
    },
    ...(status !== 'pending'
      ? [
          {
            title: t('chainAdmin.decidedBy'),
            key: 'decided',
            width: 130,
            render: (_: unknown, r: ReviewItem) => (
              <div style={{ fontSize: 12 }}>
                {r.decidedBy ? actorName(r.decidedBy) : '—'}
                <div>{fmtDateTime(r.decidedAt, i18n.language)}</div>
              </div>
            ),
          },
        ]
      : []),
  ];

  const counts = review.data?.counts;
  return (
    <div>
      <PageHeader
        crumbs={[
          { title: t('chainAdmin.title'), to: '/chain-admin/templates' },
          { title: t('chainAdmin.reviewMappings') },
        ]}
        title={t('chainAdmin.reviewTitle')}
        subtitle={t('chainAdmin.reviewSubtitle')}
      />
      <Card>
        <Segmented<Status>
          value={status}
          onChange={(v) => {
            setSelected([]);
            set({ status: v === 'pending' ? undefined : v });
          }}
          options={STATUSES.map((s) => ({
            value: s,
            label: `${t(`chainAdmin.status_${s}`)}${counts ? ` ${counts[s]}` : ''}`,
          }))}
          style={{ marginBottom: 12 }}
          data-testid="review-status"
        />
        <FilterBar keys={FILTER_KEYS}>
          <FilterSelect
            urlKey="chain"
            label={t('chainAdmin.chain')}
            loading={templates.isPending}
            options={(templates.data?.items ?? []).map((x) => ({ value: x.code, label: en ? x.nameEn : x.nameZh }))}
          />
          <FilterSelect
            urlKey="parkId"
            label={t('chainAdmin.park')}
            width={220}
            loading={parks.isPending}
            options={(parks.data?.items ?? []).map((p) => ({ value: String(p.id), label: pickName(p.name, p.nameEn) }))}
          />
          <DistrictFilter label={t('chainAdmin.district')} />
          <FilterSelect
            urlKey="minConfidence"
            label={t('chainAdmin.minConfidence')}
            options={['0.5', '0.7', '0.9'].map((v) => ({ value: v, label: `≥ ${Number(v) * 100}%` }))}
          />
          <SearchBox />
        </FilterBar>
        {review.data?.truncated && (
          <Alert type="warning" showIcon title={t('chainAdmin.truncated')} style={{ marginBottom: 8 }} />
        )}
        {!mayDecide && <Alert type="info" showIcon title={t('chainAdmin.noRights')} style={{ marginBottom: 8 }} />}
        {mayDecide && (
          <Flex gap={8} align="center" style={{ marginBottom: 8 }} data-testid="bulk-bar">
            <Typography.Text type="secondary">{t('chainAdmin.selected', { n: selected.length })}</Typography.Text>
            {status !== 'confirmed' && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                disabled={selected.length === 0}
                loading={decide.isPending}
                onClick={() => void run('confirmed')}
                data-testid="bulk-confirm"
              >
                {t('chainAdmin.confirmSelected')}
              </Button>
            )}
            {status !== 'rejected' && (
              <Button
                danger
                icon={<CloseOutlined />}
                disabled={selected.length === 0}
                loading={decide.isPending}
                onClick={() => void run('rejected')}
                data-testid="bulk-reject"
              >
                {t('chainAdmin.rejectSelected')}
              </Button>
            )}
          </Flex>
        )}
        {review.isError ? (
          <ErrorState error={review.error} onRetry={() => void review.refetch()} />
        ) : (
          <Table<ReviewItem>
            rowKey="key"
            loading={review.isFetching}
            dataSource={rows}
            columns={columns}
            size="middle"
            rowSelection={
              mayDecide ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } : undefined
            }
            onChange={onSortOnly<ReviewItem>((s) => set({ sort: s }))}
            pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200] }}
            locale={{ emptyText: review.isPending ? ' ' : <EmptyState description={t('chainAdmin.noSuggestions')} /> }}
            data-testid="review-table"
          />
        )}
      </Card>
    </div>
  );
}
