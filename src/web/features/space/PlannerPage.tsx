import { Alert, Button, Card, Col, Descriptions, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { TUpstairsRule } from '../../../contracts/space';
import { checkPlan } from '../../../domain/space/check-plan';
import { fmtPercent } from '../../app/format';
import { ServerErrorList } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryView } from '../../components/states';
import { useServerErrors } from '../../components/useServerErrors';
import {
  reasonText,
  type TFloorPlan,
  useAcceptPlan,
  useCreatePlan,
  useMovePlan,
  usePlanBuildings,
  usePlanInput,
  useRules,
} from './api';

/**
 * The floor planner: a building's floors and tenants, a plan from the server, hand moves checked
 * live by the same independent checker the server runs (and again by the server), acceptance.
 */
export default function PlannerPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [sp, setSp] = useSearchParams();
  const buildingId = Number(sp.get('building')) || null;
  const buildings = usePlanBuildings();
  const input = usePlanInput(buildingId);
  const rules = useRules();
  const create = useCreatePlan(buildingId);
  const move = useMovePlan();
  const accept = useAcceptPlan();
  const server = useServerErrors([]);
  const [plan, setPlan] = useState<TFloorPlan | null>(null);
  const [moves, setMoves] = useState<Record<string, number | null>>({});
  const [timeLimit, setTimeLimit] = useState(5);

  const floorOf = useMemo(() => {
    const m = new Map<string, number | null>((plan?.placements ?? []).map((p) => [p.key, p.floorNo]));
    for (const [k, v] of Object.entries(moves)) m.set(k, v);
    return m;
  }, [plan, moves]);

  // Live check of the plan with the pending moves (the server checks again when they are applied).
  const live = useMemo(() => {
    if (!plan || !input.data) return [];
    return checkPlan({
      floors: input.data.floors.map((f) => ({ ...f, vibrationUmS: null })),
      elevatorT: input.data.elevatorT,
      leadingIndustry: input.data.leadingIndustry,
      maxOtherShare: 0.3,
      upstreamOnTop: true,
      rules: (rules.data?.rules ?? []) as TUpstairsRule[],
      tenants: plan.tenants.map((x) => ({ ...x, powerKva: x.powerKva ?? 0, elevatorT: x.elevatorT ?? 0 })),
      links: input.data.links,
      placements: [...floorOf.entries()],
    });
  }, [plan, input.data, rules.data, floorOf]);

  const run = () => {
    if (!input.data) return;
    server.clear();
    create.mutate(
      { tenants: input.data.tenants, links: input.data.links, timeLimitS: timeLimit, method: 'auto' },
      {
        onSuccess: (p) => {
          setPlan(p);
          setMoves({});
        },
        onError: server.setError,
      },
    );
  };
  const apply = () => {
    if (!plan) return;
    server.clear();
    move.mutate(
      { id: plan.id, moves: Object.entries(moves).map(([key, floorNo]) => ({ key, floorNo })) },
      {
        onSuccess: (p) => {
          setPlan(p);
          setMoves({});
        },
        onError: server.setError,
      },
    );
  };
  const names = new Map((plan?.tenants ?? input.data?.tenants ?? []).map((x) => [x.key, x.name]));

  return (
    <>
      <PageHeader title={t('space.plannerTitle')} subtitle={t('space.plannerSubtitle')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t('space.pickBuilding')}</span>
          <Select
            style={{ minWidth: 320 }}
            showSearch
            optionFilterProp="label"
            loading={buildings.isPending}
            value={buildingId ?? undefined}
            onChange={(v) => {
              setSp({ building: String(v) }, { replace: true });
              setPlan(null);
              setMoves({});
            }}
            options={(buildings.data?.items ?? []).map((b) => ({
              value: b.id,
              label: `${b.name}（${b.floorsAbove}F）`,
            }))}
            data-testid="planner-building"
          />
          <span>{t('space.timeLimit')}</span>
          <InputNumber min={0.5} max={30} value={timeLimit} onChange={(v) => setTimeLimit(v ?? 5)} />
          <Button
            type="primary"
            onClick={run}
            loading={create.isPending}
            disabled={!input.data}
            data-testid="planner-run"
          >
            {t('space.plan')}
          </Button>
        </Space>
      </Card>
      <ServerErrorList items={server.unmatched} />
      {!buildingId ? (
        <EmptyState description={t('space.pickBuilding')} />
      ) : (
        <QueryView query={input}>
          {(d) => (
            <Row gutter={12}>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('space.floors')}>
                  <Table
                    size="small"
                    rowKey="floorNo"
                    pagination={false}
                    scroll={{ y: 480 }}
                    data-testid="planner-floors"
                    dataSource={[...d.floors].sort((a, b) => b.floorNo - a.floorNo)}
                    columns={[
                      { title: t('space.floor'), dataIndex: 'floorNo', width: 60, render: (v: number) => `F${v}` },
                      {
                        title: `${t('space.floorLoad')} / ${t('space.clearHeight')}`,
                        width: 130,
                        render: (_, f) => (
                          <>
                            {f.floorLoadKnM2} / {f.clearHeightM}{' '}
                            {f.truckAccess && <Tag color="gold">{t('space.truck')}</Tag>}
                          </>
                        ),
                      },
                      {
                        title: t('space.tenants', { n: [...floorOf.values()].filter((x) => x !== null).length }),
                        render: (_, f) =>
                          [...floorOf.entries()]
                            .filter(([, v]) => v === f.floorNo)
                            .map(([k]) => (
                              <Tag key={k} color={k in moves ? 'orange' : 'blue'}>
                                {names.get(k) ?? k}
                              </Tag>
                            )),
                      },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                {!plan ? (
                  <Card size="small" title={t('space.tenants', { n: d.tenants.length })}>
                    <Table
                      size="small"
                      rowKey="key"
                      pagination={{ pageSize: 15 }}
                      dataSource={d.tenants}
                      columns={[
                        { title: t('space.tenant'), dataIndex: 'name', ellipsis: true },
                        { title: t('space.area'), dataIndex: 'areaM2', align: 'right' },
                        { title: t('space.industry'), dataIndex: 'industry' },
                        { title: t('space.chainRank'), dataIndex: 'chainRank', align: 'right' },
                      ]}
                    />
                  </Card>
                ) : (
                  <Card size="small" data-testid="planner-plan">
                    <Descriptions size="small" column={2}>
                      <Descriptions.Item label={t('space.method')}>{plan.method}</Descriptions.Item>
                      <Descriptions.Item label={t('space.gap')}>
                        {plan.gap === null ? '—' : fmtPercent(plan.gap, 2, lang)}
                        {plan.gap === 0 && <Tag color="green">{t('space.optimal')}</Tag>}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('space.objective')} span={2}>
                        {plan.objective ?? '—'}
                      </Descriptions.Item>
                    </Descriptions>
                    {live.length === 0 ? (
                      <Alert type="success" showIcon message={t('space.noViolations')} />
                    ) : (
                      <Alert
                        type="error"
                        showIcon
                        data-testid="planner-violations"
                        message={t('space.violations')}
                        description={live.map((v) => (
                          <div key={v.rule + v.en}>{lang.startsWith('zh') ? v.zh : v.en}</div>
                        ))}
                      />
                    )}
                    <Table
                      style={{ marginTop: 8 }}
                      size="small"
                      rowKey="key"
                      pagination={{ pageSize: 12 }}
                      dataSource={plan.placements}
                      columns={[
                        { title: t('space.tenant'), render: (_, p) => names.get(p.key) ?? p.key, ellipsis: true },
                        {
                          title: t('space.moveTo'),
                          width: 110,
                          render: (_, p) => (
                            <Select
                              size="small"
                              virtual={false}
                              style={{ width: 96 }}
                              value={floorOf.get(p.key) ?? -1}
                              onChange={(v: number) => setMoves((m) => ({ ...m, [p.key]: v === -1 ? null : v }))}
                              options={[
                                { value: -1, label: t('space.unplaced') },
                                ...d.floors.map((f) => ({ value: f.floorNo, label: `F${f.floorNo}` })),
                              ]}
                              data-testid={`move-${p.key}`}
                            />
                          ),
                        },
                        {
                          title: t('space.why'),
                          render: (_, p) => (
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {p.reasons.map((r) => reasonText(r, lang)).join('；')}
                            </Typography.Text>
                          ),
                        },
                      ]}
                    />
                    <Space style={{ marginTop: 8 }}>
                      <Button
                        onClick={apply}
                        disabled={Object.keys(moves).length === 0 || plan.status === 'accepted'}
                        loading={move.isPending}
                        data-testid="planner-apply"
                      >
                        {t('space.applyMoves')}
                      </Button>
                      <Button
                        type="primary"
                        disabled={plan.status === 'accepted' || Object.keys(moves).length > 0}
                        loading={accept.isPending}
                        onClick={() =>
                          accept.mutate(plan.id, { onSuccess: (r) => setPlan(r.plan), onError: server.setError })
                        }
                      >
                        {t('space.accept')}
                      </Button>
                      {accept.data && <Tag color="green">{t('space.accepted', { n: accept.data.occupancies })}</Tag>}
                    </Space>
                  </Card>
                )}
              </Col>
            </Row>
          )}
        </QueryView>
      )}
    </>
  );
}
