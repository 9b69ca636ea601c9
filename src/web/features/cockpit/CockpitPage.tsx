/** The cockpit (驾驶舱) of a scope: figures by panel, parks with freshness, targets; wall mode at 1920×1080. */
import { Button, Card, Col, Progress, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtDateTime } from '../../app/format';
import { useLabels } from '../../app/labels';
import { useUrlState } from '../../app/useUrlState';
import { useAllParks, useDistrictGeo, useDistrictStats } from '../../client/queries';
import { Chart } from '../../components/Chart';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, QueryView } from '../../components/states';
import { DistrictMap, toMapParks } from '../home/DistrictMap';
import { type TCockpit, type TFigure, useCockpit } from './api';
import { FigureCard, k, ScopePicker, targetAmounts, useScope } from './shared';

const GROUPS = [
  'registry',
  'chains',
  'invest',
  'docking',
  'evaluation',
  'services',
  'consolidation',
  'conferences',
  'freshness',
];
/** Figures whose breakdown is drawn as a chart under the panels. */
const CHARTED = ['cockpit.invest_funnel', 'cockpit.chain_score', 'evaluation.classes', 'docking.local_rate'];

function PartsChart({ f, height }: { f: TFigure; height: number }) {
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  if (!f.parts || f.parts.length === 0) return null;
  return (
    <Chart
      height={height}
      option={{
        grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value' },
        yAxis: {
          type: 'category',
          inverse: true,
          data: f.parts.map((p) => (en ? p.label.en : p.label.zh)),
          axisLabel: { width: 110, overflow: 'truncate' },
        },
        series: [{ type: 'bar', data: f.parts.map((p) => p.value) }],
      }}
    />
  );
}

const NO_HIDDEN: ReadonlySet<string> = new Set();

/**
 * The scope's parks on the home page's district map (the same component): each marker opens its park;
 * the districts are shaded by their number of parks (a figure every role sees) and the tooltip adds the
 * park's freshness score.
 */
function ParksMap({ c, height }: { c: TCockpit; height: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const geo = useDistrictGeo();
  const districts = useDistrictStats();
  const all = useAllParks();
  const parks = useMemo(() => {
    const score = new Map(c.parks.map((p) => [p.id, p.freshness]));
    const names = new Map(c.parks.map((p) => [p.id, p.name]));
    const parentOf = new Map(c.parks.map((p) => [p.id, p.parentId]));
    const mine = (all.data?.items ?? []).filter((p) => score.has(p.id));
    const m = toMapParks(mine, labels);
    return {
      missing: m.missing,
      items: m.items.map((p) => {
        const f = score.get(p.id);
        const parent = parentOf.get(p.id);
        const sub = parent ? `${t(k('subParkOf'), { park: names.get(parent) ?? '' })} · ` : '';
        return { ...p, detail: `${sub}${p.detail}${f === null || f === undefined ? '' : ` · ${t(k('score'))} ${f}`}` };
      }),
    };
  }, [all.data, c.parks, labels, t]);
  // Frame the scope: the whole city for the city, else its parks (and a district's outline).
  const scope = c.scope;
  const fit = useMemo(
    () =>
      scope === 'city'
        ? undefined
        : { points: parks.items, regionCode: scope.startsWith('district:') ? scope.slice(9) : undefined },
    [scope, parks.items],
  );
  const failed = geo.isError ? geo : districts.isError ? districts : all.isError ? all : null;
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (geo.isPending || districts.isPending || all.isPending)
    return <Skeleton.Node active style={{ width: '100%', height }} />;
  if (!geo.data || geo.data.features.length === 0) return <EmptyState />;
  return (
    <div data-testid="cockpit-map">
      <DistrictMap
        geo={geo.data}
        stats={districts.data?.items ?? []}
        parks={parks.items}
        metric="parks"
        hidden={NO_HIDDEN}
        height={height}
        resetSignal={0}
        fit={fit}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(k('mapHint'), { count: parks.items.length })}
        {parks.missing > 0 && ` ${t('map.noCoordinates', { count: parks.missing })}`}
      </Typography.Text>
    </div>
  );
}

function Body({ c, wall }: { c: TCockpit; wall: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const span = wall ? 6 : 8;
  const charted = c.figures.filter((f) => CHARTED.includes(f.key) && f.parts && f.parts.length > 0);
  return (
    <>
      {GROUPS.map((g) => {
        const figs = c.figures.filter((f) => f.group === g);
        if (figs.length === 0) return null;
        return (
          <div key={g} style={{ marginBottom: 12 }}>
            <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
              {t(k(`group_${g}`))}
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {figs.map((f) => (
                <Col key={f.key} xs={12} md={span} xl={wall ? 4 : 6}>
                  <FigureCard f={f} big={wall} />
                </Col>
              ))}
            </Row>
          </div>
        );
      })}
      {/* Other modules' figures (their own groups) */}
      {c.figures.some((f) => !GROUPS.includes(f.group)) && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {c.figures
            .filter((f) => !GROUPS.includes(f.group))
            .map((f) => (
              <Col key={f.key} xs={12} md={span} xl={wall ? 4 : 6}>
                <FigureCard f={f} big={wall} />
              </Col>
            ))}
        </Row>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t(k('map'))}>
            <ParksMap c={c} height={wall ? 420 : 320} />
          </Card>
        </Col>
        {charted.map((f) => (
          <Col key={f.key} xs={24} lg={12}>
            <Card size="small" title={en ? f.label.en : f.label.zh}>
              <PartsChart f={f} height={wall ? 320 : 220} />
            </Card>
          </Col>
        ))}
        <Col xs={24} lg={12}>
          <Card size="small" title={t(k('targets'))} data-testid="cockpit-targets">
            {c.targets.length === 0 ? (
              <Typography.Text type="secondary">{t(k('noTargets'))}</Typography.Text>
            ) : (
              c.targets.map((tp) => (
                <div key={tp.id} style={{ marginBottom: 8 }}>
                  <Typography.Text>{en ? (tp.labelEn ?? tp.label) : tp.label}</Typography.Text>
                  <Progress
                    percent={tp.progress === null ? 0 : Math.round(Math.min(1, Math.max(0, tp.progress)) * 100)}
                    status={tp.redacted ? 'normal' : tp.onTrack === false ? 'exception' : undefined}
                    format={() => (tp.redacted ? t(k('withheld')) : targetAmounts(tp, en, true))}
                  />
                </div>
              ))
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t(k('parks'))}>
            <Table
              size="small"
              rowKey="id"
              pagination={{ pageSize: wall ? 10 : 6, size: 'small', hideOnSinglePage: true }}
              dataSource={c.parks}
              columns={[
                {
                  title: t(k('park')),
                  dataIndex: 'name',
                  // A sub-park (分园) follows its park, indented and marked.
                  render: (v: string, p) =>
                    p.parentId === null ? (
                      <Link to={`/parks/${p.id}`}>{v}</Link>
                    ) : (
                      <Space size={4} style={{ paddingInlineStart: 16 }}>
                        <Tag>{t(k('subPark'))}</Tag>
                        <Link to={`/parks/${p.id}`}>{v}</Link>
                      </Space>
                    ),
                },
                {
                  title: t(k('score')),
                  dataIndex: 'freshness',
                  align: 'right',
                  render: (v: number | null) => (v === null ? '—' : <Progress percent={v} size="small" />),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

export default function CockpitPage() {
  const { t, i18n } = useTranslation();
  const [scope, setScope] = useScope();
  const { get, set } = useUrlState();
  const wall = get('wall') === '1';
  const q = useCockpit(scope, 60_000);
  const name = q.data ? (i18n.language.startsWith('en') ? q.data.scopeName.en : q.data.scopeName.zh) : '';
  const header = (
    <Space wrap>
      <ScopePicker value={scope} onChange={setScope} />
      <Button data-testid="cockpit-wall" onClick={() => set({ wall: wall ? undefined : '1' })}>
        {wall ? t(k('exitWall')) : t(k('wall'))}
      </Button>
    </Space>
  );
  const content = (
    <QueryView query={q}>
      {(c) => (
        <>
          <Typography.Text type="secondary" data-testid="cockpit-refreshed">
            {t(k('refreshed'), { time: fmtDateTime(c.generatedAt, i18n.language) })}
          </Typography.Text>
          <Body c={c} wall={wall} />
        </>
      )}
    </QueryView>
  );
  if (wall)
    return (
      <div
        data-testid="cockpit-wall-view"
        style={{ position: 'fixed', inset: 0, zIndex: 1000, overflow: 'auto', background: '#f0f2f5', padding: 24 }}
      >
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t(k('title'))} · {name}
          </Typography.Title>
          {header}
        </Space>
        {content}
      </div>
    );
  return (
    <>
      <PageHeader title={`${t(k('title'))}${name ? ` · ${name}` : ''}`} extra={header} />
      {content}
    </>
  );
}
