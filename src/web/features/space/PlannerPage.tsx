import { Alert, Button, Card, Col, Descriptions, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { TUpstairsRule } from '../../../contracts/space';
import { type CheckInput, checkPlan, type Violation } from '../../../domain/space/check-plan';
import { type MovePreview, previewMove } from '../../../domain/space/preview-move';
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
import { FloorStack } from './FloorStack';

/**
 * The floor planner: a building's floors and tenants, a plan from the server, tenants dragged
 * between floors with a live preview of the hard limits the move would break (named) and the
 * objective change, from the same independent checker the server runs; a breaking move is refused
 * here and again by the server; pending moves are saved together, then the plan is accepted into
 * the floor directory (one transaction each).
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
  // Settings of the next plan (the server's defaults to start with); a plan is checked with its own.
  const [maxOtherPct, setMaxOtherPct] = useState(30);
  const [upstreamOnTop, setUpstreamOnTop] = useState(true);

  const floorOf = useMemo(() => {
    const m = new Map<string, number | null>((plan?.placements ?? []).map((p) => [p.key, p.floorNo]));
    for (const [k, v] of Object.entries(moves)) m.set(k, v);
    return m;
  }, [plan, moves]);

  // The check input of the plan with the pending moves (the server checks again when they are applied).
  const checkInput = useMemo((): CheckInput | null => {
    if (!plan || !input.data) return null;
    return {
      floors: input.data.floors,
      elevatorT: input.data.elevatorT,
      // The plan's own settings (a plan may have been made with another lead industry, share or order).
      leadingIndustry: plan.settings.leadingIndustry ?? input.data.leadingIndustry,
      maxOtherShare: plan.settings.maxOtherShare,
      upstreamOnTop: plan.settings.upstreamOnTop,
      rules: (rules.data?.rules ?? []) as TUpstairsRule[],
      tenants: plan.tenants.map((x) => ({ ...x, powerKva: x.powerKva ?? 0, elevatorT: x.elevatorT ?? 0 })),
      links: plan.settings.links,
      placements: [...floorOf.entries()],
    };
  }, [plan, input.data, rules.data, floorOf]);
  const live = useMemo(() => (checkInput ? checkPlan(checkInput) : []), [checkInput]);

  // Dragging: the tenant, the floor it is over (null = left out), and what dropping there would do.
  const [drag, setDrag] = useState<{ key: string; floorNo: number | null | undefined } | null>(null);
  const dragKeyRef = useRef<string | null>(null);
  const [refused, setRefused] = useState<MovePreview | null>(null);
  const [lastMove, setLastMove] = useState<MovePreview | null>(null);
  const preview = useMemo(
    () =>
      checkInput && drag && drag.floorNo !== undefined && drag.floorNo !== (floorOf.get(drag.key) ?? null)
        ? previewMove(checkInput, drag.key, drag.floorNo)
        : null,
    [checkInput, drag, floorOf],
  );
  const tryMove = (key: string | null, floorNo: number | null) => {
    if (!checkInput || key === null || (floorOf.get(key) ?? null) === floorNo) return;
    const p = previewMove(checkInput, key, floorNo);
    if (p.breaks.length > 0) {
      setRefused(p);
      return;
    }
    setRefused(null);
    setLastMove(p);
    const original = plan?.placements.find((x) => x.key === key)?.floorNo ?? null;
    setMoves((m) => {
      const { [key]: _, ...rest } = m;
      return original === floorNo ? rest : { ...rest, [key]: floorNo };
    });
  };

  const run = () => {
    if (!input.data) return;
    server.clear();
    create.mutate(
      {
        tenants: input.data.tenants,
        links: input.data.links,
        timeLimitS: timeLimit,
        method: 'auto',
        maxOtherShare: maxOtherPct / 100,
        upstreamOnTop,
      },
      {
        onSuccess: (p) => {
          setPlan(p);
          setMoves({});
          setLastMove(null);
          setRefused(null);
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
          setLastMove(null);
          setRefused(null);
        },
        onError: server.setError,
      },
    );
  };
  const names = new Map((plan?.tenants ?? input.data?.tenants ?? []).map((x) => [x.key, x.name]));
  const fl = (n: number | null) => (n === null ? t('space.unplaced') : `F${n}`);
  const named = (v: Violation) => (
    <div key={v.rule + v.en}>
      <Tag color="red">{t(`space.rule_${v.rule.replace('.', '_')}`, { defaultValue: v.rule })}</Tag>
      {withNames(lang.startsWith('zh') ? v.zh : v.en, names)}
    </div>
  );
  const delta = (p: MovePreview) =>
    t('space.objectiveDelta', {
      u: signed(p.unplacedDelta),
      d: signed(p.distanceDelta),
      du: p.after.unplaced,
      dd: p.after.distance,
    });

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
          <span>{t('space.maxOtherShare')}</span>
          <InputNumber
            min={0}
            max={100}
            value={maxOtherPct}
            onChange={(v) => setMaxOtherPct(v ?? 30)}
            addonAfter="%"
            style={{ width: 110 }}
            data-testid="planner-max-other"
          />
          <Select
            value={upstreamOnTop}
            onChange={setUpstreamOnTop}
            style={{ minWidth: 200 }}
            options={[
              { value: true, label: t('space.upstreamOnTop') },
              { value: false, label: t('space.upstreamBelow') },
            ]}
            data-testid="planner-order"
          />
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
        <EmptyState description={t('space.planPickBuilding')} />
      ) : (
        <QueryView query={input}>
          {(d) => (
            <Row gutter={12}>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('space.floors')}>
                  {plan && (
                    <div data-testid="planner-preview" style={{ height: 112, overflowY: 'auto', marginBottom: 8 }}>
                      {preview ? (
                        <Alert
                          type={preview.breaks.length > 0 ? 'error' : 'success'}
                          showIcon
                          message={
                            <>
                              {`${names.get(preview.key) ?? preview.key} → ${fl(preview.floorNo)}：${
                                preview.breaks.length > 0 ? t('space.previewBreaks') : t('space.previewOk')
                              }`}
                              <div style={{ fontSize: 12 }}>{delta(preview)}</div>
                            </>
                          }
                          description={preview.breaks.length > 0 ? preview.breaks.map(named) : undefined}
                        />
                      ) : refused ? (
                        <Alert
                          type="error"
                          showIcon
                          closable
                          onClose={() => setRefused(null)}
                          data-testid="planner-refused"
                          message={t('space.refused', {
                            name: names.get(refused.key) ?? refused.key,
                            floor: fl(refused.floorNo),
                          })}
                          description={refused.breaks.map(named)}
                        />
                      ) : lastMove ? (
                        <Alert
                          type="info"
                          showIcon
                          data-testid="planner-last-move"
                          message={`${names.get(lastMove.key) ?? lastMove.key} → ${fl(lastMove.floorNo)}`}
                          description={delta(lastMove)}
                        />
                      ) : (
                        plan.status === 'draft' && (
                          <Typography.Text type="secondary">{t('space.dragHint')}</Typography.Text>
                        )
                      )}
                    </div>
                  )}
                  <FloorStack
                    floors={d.floors}
                    tenants={plan?.tenants ?? []}
                    floorOf={floorOf}
                    moved={moves}
                    names={names}
                    canDrag={plan?.status === 'draft'}
                    dragKey={drag?.key ?? null}
                    hover={drag?.floorNo}
                    hoverBreaks={(preview?.breaks.length ?? 0) > 0}
                    onDragStart={(key) => {
                      dragKeyRef.current = key;
                      setDrag({ key, floorNo: undefined });
                    }}
                    onHover={(floorNo) => setDrag((g) => (g && g.floorNo !== floorNo ? { ...g, floorNo } : g))}
                    onDrop={(key, floorNo) => {
                      setDrag(null);
                      tryMove(key ?? dragKeyRef.current, floorNo);
                    }}
                    onDragEnd={() => setDrag(null)}
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
                        description={live.map(named)}
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
                              disabled={plan.status !== 'draft'}
                              aria-label={`${t('space.moveTo')} ${names.get(p.key) ?? p.key}`}
                              onChange={(v: number) => tryMove(p.key, v === -1 ? null : v)}
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
                        {t('space.applyMoves', { n: Object.keys(moves).length })}
                      </Button>
                      <Button
                        onClick={() => {
                          setMoves({});
                          setLastMove(null);
                          setRefused(null);
                        }}
                        disabled={Object.keys(moves).length === 0}
                        data-testid="planner-discard"
                      >
                        {t('space.discardMoves')}
                      </Button>
                      <Button
                        type="primary"
                        data-testid="planner-accept"
                        disabled={plan.status === 'accepted' || Object.keys(moves).length > 0}
                        loading={accept.isPending}
                        onClick={() =>
                          accept.mutate(plan.id, { onSuccess: (r) => setPlan(r.plan), onError: server.setError })
                        }
                      >
                        {t('space.accept')}
                      </Button>
                      {accept.data && (
                        <Tag color="green">{t('space.accepted', { count: accept.data.occupancies })}</Tag>
                      )}
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

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** A checker message with tenant keys (e12) replaced by their names. */
function withNames(text: string, names: Map<string, string>): string {
  return text.replace(/(?<![\w])([A-Za-z][\w-]*)(?![\w])/g, (k) => names.get(k) ?? k);
}
