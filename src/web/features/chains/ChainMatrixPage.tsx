/**
 * Chains × parks (or districts): one row per park or district, one column per chain, each cell
 * the chain's health score (or coverage, or local firms) on a colour scale; a cell opens the chain
 * for that scope. Rows, district, measure and counting rule live in the URL; exports to Excel.
 */
import { Flex, Segmented, Select, Switch, Table, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { useLabels } from '../../app/labels';
import { useUrlState } from '../../app/useUrlState';
import { useDevzones, useDistricts } from '../../client/queries';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { type MatrixRow, useMatrix } from './api';
import { chainHref, shippedOrder } from './ChainAtlasPage';
import { SuggestedSwitch, useChainScope } from './scope';

type Metric = 'score' | 'coverage' | 'firms';
type Cell = MatrixRow['cells'][number];

/** Colour bands of a 0–100 value, the same bands as the score colours (red < 35 ≤ amber < 60 ≤ green). */
const BANDS: [number, string][] = [
  [80, '#73d13d'],
  [60, '#b7eb8f'],
  [35, '#ffe58f'],
  [10, '#ffccc7'],
  [0, '#fff1f0'],
];

function cellValue(c: Cell, m: Metric): number {
  if (m === 'score') return c.score;
  if (m === 'coverage') return c.segments ? (100 * c.covered) / c.segments : 0;
  return c.localFirms;
}

function shade(v: number, max: number): string {
  if (v <= 0) return '#fafafa';
  const pct = (100 * v) / Math.max(max, 1e-9);
  return (BANDS.find(([min]) => pct > min) ?? BANDS[BANDS.length - 1]!)[1];
}

export default function ChainMatrixPage() {
  const { t, i18n } = useTranslation();
  const { get, set } = useUrlState();
  const { districtName, pickName, en, label } = useLabels();
  const { suggested, setSuggested } = useChainScope();
  const by = get('by') === 'district' ? 'district' : get('by') === 'devzone' ? 'devzone' : 'park';
  const district = /^\d{6}$/.test(get('district') ?? '') ? get('district') : undefined;
  const devzone = /^[a-z][a-z0-9-]{0,31}$/.test(get('devzone') ?? '') ? get('devzone') : undefined;
  const devzones = useDevzones();
  const metric = (['score', 'coverage', 'firms'].includes(get('metric') ?? '') ? get('metric') : 'score') as Metric;
  const hideEmpty = get('all') !== '1';
  const matrix = useMatrix(by, by === 'park' ? district : undefined, suggested, by === 'park' ? devzone : undefined);
  const districts = useDistricts();
  const lang = en ? 'en' : 'zh';

  const rows = useMemo(
    () => (matrix.data?.rows ?? []).filter((r) => !hideEmpty || r.cells.some((c) => c.localFirms > 0)),
    [matrix.data, hideEmpty],
  );
  const max = useMemo(() => {
    if (metric !== 'firms') return 100;
    return Math.max(1, ...rows.flatMap((r) => r.cells.map((c) => c.localFirms)));
  }, [rows, metric]);
  const districtNames = useMemo(
    () => new Map((districts.data?.items ?? []).map((d) => [d.code.trim(), districtName(d.code, d.name)])),
    [districts.data, districtName],
  );
  const rowName = (r: MatrixRow) =>
    r.kind === 'district' ? districtName(r.regionCode, r.nameZh) : pickName(r.nameZh, r.nameEn);

  const columns = [
    {
      title: by === 'park' ? t('chains.byPark') : by === 'devzone' ? t('chains.byDevzone') : t('chains.byDistrict'),
      key: 'name',
      fixed: 'left' as const,
      width: 200,
      render: (_: unknown, r: MatrixRow) => (
        <Flex vertical gap={0}>
          <Link to={`/chains?scope=${encodeURIComponent(r.scope)}${suggested ? '' : '&confirmed=1'}`}>
            {rowName(r)}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {r.kind === 'park' && r.regionCode ? `${districtNames.get(r.regionCode) ?? r.regionCode} · ` : ''}
            {t('chains.enterprises')} {r.enterprises}
          </Typography.Text>
        </Flex>
      ),
    },
    ...shippedOrder((matrix.data?.chains ?? []).map((c) => ({ ...c, chainCode: c.code }))).map((c) => ({
      title: (
        <Tooltip title={en ? c.nameEn : c.nameZh}>
          <span style={{ fontSize: 12 }}>{label('chain', c.code)}</span>
        </Tooltip>
      ),
      key: c.code,
      width: 80,
      align: 'center' as const,
      onCell: (r: MatrixRow) => {
        const cell = r.cells.find((x) => x.chainCode === c.code);
        return { style: { background: cell ? shade(cellValue(cell, metric), max) : undefined, padding: 0 } };
      },
      render: (_: unknown, r: MatrixRow) => {
        const cell = r.cells.find((x) => x.chainCode === c.code);
        if (!cell) return null;
        const v = cellValue(cell, metric);
        return (
          <Tooltip
            title={t('chains.cellTip', {
              chain: en ? c.nameEn : c.nameZh,
              scope: rowName(r),
              score: fmtNumber(cell.score, 1, i18n.language),
              covered: cell.covered,
              segments: cell.segments,
              missing: cell.missing,
              weak: cell.weak,
            })}
          >
            <Link
              to={chainHref(c.code, r.scope, suggested)}
              data-testid={`cell-${c.code}-${r.scope}`}
              style={{ display: 'block', padding: '6px 2px', lineHeight: 1.2, color: v > 0 ? '#1f1f1f' : '#bfbfbf' }}
            >
              <div style={{ fontWeight: 600 }}>
                {metric === 'firms'
                  ? v
                  : `${fmtNumber(v, metric === 'score' ? 1 : 0, i18n.language)}${metric === 'coverage' ? '%' : ''}`}
              </div>
              <div style={{ fontSize: 11, color: '#8c8c8c' }}>
                {cell.covered}/{cell.segments}
              </div>
            </Link>
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <>
      <PageHeader
        title={t('chains.matrixTitle')}
        subtitle={t('chains.matrixSubtitle')}
        crumbs={[{ title: t('chains.title'), to: '/chains' }, { title: t('chains.matrix') }]}
        extra={
          <DownloadButton
            path="/chain-matrix.xlsx"
            params={{
              by,
              district: by === 'park' ? district : undefined,
              devzone: by === 'park' ? devzone : undefined,
              includeSuggested: String(suggested),
              lang,
            }}
            fileName="parklink-chain-matrix.xlsx"
            testId="export-matrix"
          >
            {t('chains.exportXlsx')}
          </DownloadButton>
        }
      />
      <Flex gap={20} wrap align="center" style={{ marginBottom: 16 }}>
        <Flex gap={6} align="center">
          <Typography.Text type="secondary">{t('chains.rowsBy')}</Typography.Text>
          <Segmented
            value={by}
            onChange={(v) => set({ by: v === 'district' || v === 'devzone' ? v : undefined })}
            options={[
              { value: 'park', label: t('chains.byPark') },
              { value: 'district', label: t('chains.byDistrict') },
              { value: 'devzone', label: t('chains.byDevzone') },
            ]}
            data-testid="matrix-by"
          />
        </Flex>
        {by === 'park' && (
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('chains.allDistricts')}
            value={district}
            onChange={(v?: string) => set({ district: v })}
            options={(districts.data?.items ?? []).map((d) => ({
              value: d.code.trim(),
              label: districtName(d.code, d.name),
            }))}
            data-testid="matrix-district"
          />
        )}
        {by === 'park' && (
          <Select
            allowClear
            style={{ width: 200 }}
            placeholder={t('chains.allDevzones')}
            value={devzone}
            onChange={(v?: string) => set({ devzone: v })}
            options={(devzones.data?.items ?? []).map((z) => ({
              value: z.code,
              label: `${pickName(z.shortZh, z.shortEn)} · ${pickName(z.nameZh, z.nameEn)}`,
            }))}
            popupMatchSelectWidth={false}
            data-testid="matrix-devzone"
          />
        )}
        <Flex gap={6} align="center">
          <Typography.Text type="secondary">{t('chains.metric')}</Typography.Text>
          <Segmented
            value={metric}
            onChange={(v) => set({ metric: v === 'score' ? undefined : String(v) })}
            options={(['score', 'coverage', 'firms'] as const).map((m) => ({
              value: m,
              label: t(`chains.metric_${m}`),
            }))}
          />
        </Flex>
        <Flex gap={6} align="center">
          <Switch size="small" checked={hideEmpty} onChange={(on) => set({ all: on ? undefined : '1' })} />
          <Typography.Text>{t('chains.hideEmpty')}</Typography.Text>
        </Flex>
        <SuggestedSwitch value={suggested} onChange={setSuggested} />
      </Flex>
      <QueryView query={matrix} rows={10}>
        {() => (
          <Table<MatrixRow>
            size="small"
            bordered
            rowKey="scope"
            data-testid="chain-matrix"
            dataSource={rows}
            columns={columns}
            pagination={false}
            scroll={{ x: 200 + 80 * (matrix.data?.chains.length ?? 0), y: 'calc(100vh - 330px)' }}
            loading={matrix.isFetching}
          />
        )}
      </QueryView>
    </>
  );
}
