import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  message,
  Popconfirm,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { CARGO_CLASSES } from '../../../contracts/consolidation';
import { fmtDateTime, fmtNumber, fmtPercent } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { OriginalText } from '../../components/OriginalText';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import {
  type THub,
  type TOrder,
  type TPlanView,
  useBook,
  useCancelDeparture,
  useCancelOrder,
  useDashboard,
  useDepartures,
  useHubs,
  useOrders,
  usePlan,
  useQuote,
  useRunPlan,
} from './api';
import { DepartureEditModal, OrderEditModal } from './EditForms';
import { OrdersImport } from './OrdersImport';
import { countryName, Place, routeName, stationName } from './places';

const yuan = (fen: number | null | undefined, lang: string) =>
  fen === null || fen === undefined ? '—' : `¥${fmtNumber(fen / 100, 2, lang)}`;
const pct = (v: number | null | undefined) => fmtPercent(v, 1);

export default function ConsolidationPage() {
  const { t } = useTranslation();
  const hubs = useHubs();
  const [params, setParams] = useSearchParams();
  return (
    <>
      <PageHeader title={t('consolidation.title')} subtitle={t('consolidation.subtitle')} />
      <QueryView query={hubs} isEmpty={(d) => d.items.length === 0} empty={t('consolidation.noHubs')}>
        {(d) => {
          const id = Number(params.get('hub')) || d.items[0]!.id;
          const hub = d.items.find((h) => h.id === id) ?? d.items[0]!;
          return (
            <HubView
              hub={hub}
              hubs={d.items}
              onHub={(h) => setParams({ hub: String(h), tab: params.get('tab') ?? '' })}
              tab={params.get('tab') || (hub.member ? 'orders' : 'mine')}
              onTab={(tab) => setParams({ hub: String(hub.id), tab })}
            />
          );
        }}
      </QueryView>
    </>
  );
}

function HubView(props: {
  hub: THub;
  hubs: THub[];
  onHub: (id: number) => void;
  tab: string;
  onTab: (t: string) => void;
}) {
  const { t } = useTranslation();
  const { hub } = props;
  const items = [
    ...(hub.member
      ? [
          { key: 'orders', label: t('consolidation.tab_orders'), children: <OrdersBoard hubId={hub.id} operate /> },
          { key: 'plan', label: t('consolidation.tab_plan'), children: <PlanView hubId={hub.id} operate /> },
        ]
      : []),
    { key: 'mine', label: t('consolidation.tab_mine'), children: <ShipperView hubId={hub.id} /> },
    ...(hub.member
      ? [{ key: 'dashboard', label: t('consolidation.tab_dashboard'), children: <Dashboard hubId={hub.id} /> }]
      : []),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('consolidation.hub')}>
            <Select
              data-testid="hub-select"
              style={{ minWidth: 240, maxWidth: 360 }}
              value={hub.id}
              onChange={props.onHub}
              options={props.hubs.map((h) => ({ value: h.id, label: <OriginalText text={h.name} tag={false} /> }))}
            />{' '}
            <SyntheticBadge synthetic={hub.synthetic} />
          </Descriptions.Item>
          <Descriptions.Item label={t('consolidation.station')}>
            <OriginalText text={hub.station} tag={false} />
          </Descriptions.Item>
          {hub.source && (
            <Descriptions.Item label={t('consolidation.source')} span={2}>
              <Typography.Text type="secondary">{hub.source}</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Tabs
        activeKey={items.some((i) => i.key === props.tab) ? props.tab : items[0]!.key}
        onChange={props.onTab}
        items={items}
      />
    </Space>
  );
}

function StatusTag({ o }: { o: TOrder }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={o.status === 'booked' ? 'green' : o.status === 'open' ? 'blue' : 'default'}>
        {t(`consolidation.status_${o.status}` as 'consolidation.status_open')}
      </Tag>
      {o.lock && <Tag>{t('consolidation.locked')}</Tag>}
    </Space>
  );
}

function OrdersBoard({ hubId, operate, own }: { hubId: number; operate?: boolean; own?: boolean }) {
  const { t, i18n } = useTranslation();
  const orders = useOrders(hubId);
  const book = useBook(hubId);
  const cancel = useCancelOrder(hubId);
  const [editing, setEditing] = useState<TOrder | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {editing && <OrderEditModal hubId={hubId} order={editing} onClose={() => setEditing(null)} />}
      {operate && (
        <Space>
          <OrdersImport hubId={hubId} />
        </Space>
      )}
      <QueryView query={orders} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <Table<TOrder>
            data-testid={own ? 'my-orders' : 'orders-board'}
            size="small"
            rowKey="id"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={d.items}
            columns={[
              { title: t('consolidation.code'), dataIndex: 'code', width: 80 },
              {
                // the shipper under the goods; the other columns are narrow so these stay readable at 1366 px
                title: `${t('consolidation.goods')} / ${t('consolidation.shipper')}`,
                render: (_, o) => (
                  <>
                    <Space size={4} wrap>
                      {/* the shipper's own words, in the language they were written in */}
                      <OriginalText text={o.goods} tag={false} />
                      <SyntheticBadge synthetic={o.synthetic} />
                    </Space>
                    <Typography.Text
                      type="secondary"
                      ellipsis={{ tooltip: o.shipperName }}
                      style={{ display: 'block' }}
                      data-testid="shipper-name"
                    >
                      {/* as the hub or the shipper entered it, in its own language */}
                      <OriginalText text={o.shipperName} tag={false} />
                    </Typography.Text>
                  </>
                ),
              },
              {
                title: t('consolidation.cargoClass'),
                render: (_, o) =>
                  `${t(`consolidation.class_${o.cargoClass}` as 'consolidation.class_general')}${o.dgClass ? ` ${o.dgClass}` : ''}`,
                width: 80,
              },
              { title: t('consolidation.pieces'), dataIndex: 'pieces', align: 'right', width: 60 },
              {
                title: t('consolidation.volume'),
                render: (_, o) => fmtNumber(o.volumeM3, 2, i18n.language),
                align: 'right',
                width: 76,
              },
              {
                title: t('consolidation.weight'),
                render: (_, o) => fmtNumber(o.weightKg, 0, i18n.language),
                align: 'right',
                width: 80,
              },
              {
                title: t('consolidation.destination'),
                render: (_, o) => (
                  <>
                    <Place named={stationName(o.destination, i18n.language)} stored={o.destination} />
                    {' · '}
                    <Place named={countryName(o.destinationCountry, i18n.language)} stored={o.destinationCountry} />
                  </>
                ),
                ellipsis: { showTitle: true },
                width: 110,
              },
              { title: t('consolidation.readyOn'), dataIndex: 'readyOn', width: 96 },
              {
                title: t('consolidation.declaredValue'),
                render: (_, o) => yuan(o.declaredValueFen, i18n.language),
                align: 'right',
                width: 104,
              },
              { title: t('consolidation.status'), render: (_, o) => <StatusTag o={o} />, width: 100 },
              {
                title: '',
                width: 100,
                render: (_, o) =>
                  o.status !== 'open' ? (
                    <DownloadButton
                      path={`/consolidation/hubs/${hubId}/orders/${o.id}/invoice.xlsx`}
                      params={{ lang: i18n.language === 'en-US' ? 'en' : 'zh' }}
                      fileName={`invoice-${o.code}.xlsx`}
                      size="small"
                      type="link"
                    >
                      {t('consolidation.invoice')}
                    </DownloadButton>
                  ) : operate || own ? (
                    <Button
                      size="small"
                      loading={book.isPending && book.variables === o.id}
                      onClick={() =>
                        book.mutate(o.id, {
                          onSuccess: () => void message.success(t('consolidation.booked')),
                          onError: (e) => void message.error(String((e as Error).message)),
                        })
                      }
                    >
                      {t('consolidation.book')}
                    </Button>
                  ) : null,
              },
              {
                // edit and cancel share one column so the goods keep their width at 1366 px
                title: '',
                width: 112,
                render: (_, o) =>
                  (operate || own) && (o.status === 'open' || o.status === 'booked') ? (
                    <Space size={0}>
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setEditing(o)}
                        data-testid={`edit-order-${o.code}`}
                      >
                        {t('consolidation.edit')}
                      </Button>
                      <Popconfirm
                        title={t(
                          o.status === 'booked'
                            ? 'consolidation.cancelBookedConfirm'
                            : 'consolidation.cancelOrderConfirm',
                          { code: o.code },
                        )}
                        okText={t('consolidation.confirmYes')}
                        cancelText={t('consolidation.confirmNo')}
                        onConfirm={() =>
                          cancel.mutateAsync(
                            { id: o.id, version: o.version, confirmBooked: o.status === 'booked' },
                            {
                              onSuccess: () => void message.success(t('consolidation.orderCancelled')),
                              onError: (e) => void message.error(String((e as Error).message)),
                            },
                          )
                        }
                      >
                        <Button size="small" type="link" danger data-testid={`cancel-order-${o.code}`}>
                          {t('consolidation.cancelOrder')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryView>
    </Space>
  );
}

/**
 * The invoices to download: one per shipper and departure with booked orders (a shipper sees its
 * own; the hub every shipper's), as PDF or workbook in the reader's language.
 */
function InvoiceList({ hubId, departureId }: { hubId: number; departureId?: number }) {
  const { t, i18n } = useTranslation();
  const orders = useOrders(hubId);
  const departures = useDepartures(hubId);
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';
  const groups = new Map<string, { departureId: number; shipper: number; name: string; codes: string[] }>();
  for (const o of orders.data?.items ?? []) {
    if (!o.lock || o.shipperEnterpriseId === null || (o.status !== 'booked' && o.status !== 'shipped')) continue;
    if (departureId !== undefined && o.lock.departureId !== departureId) continue;
    const key = `${o.lock.departureId}|${o.shipperEnterpriseId}`;
    const g = groups.get(key) ?? {
      departureId: o.lock.departureId,
      shipper: o.shipperEnterpriseId,
      name: o.shipperName,
      codes: [],
    };
    g.codes.push(o.code);
    groups.set(key, g);
  }
  if (groups.size === 0)
    return departureId === undefined ? <EmptyState description={t('consolidation.noInvoices')} /> : null;
  const code = (id: number) => departures.data?.items.find((d) => d.id === id)?.code ?? String(id);
  return (
    <Table
      size="small"
      rowKey={(g) => `${g.departureId}|${g.shipper}`}
      pagination={false}
      data-testid="invoices"
      dataSource={[...groups.values()]}
      columns={[
        ...(departureId === undefined
          ? [
              {
                title: t('consolidation.departure'),
                render: (_: unknown, g: { departureId: number }) => code(g.departureId),
              },
            ]
          : []),
        {
          title: t('consolidation.shipper'),
          dataIndex: 'name',
          ellipsis: true,
          render: (name: string) => <OriginalText text={name} tag={false} />,
        },
        { title: t('consolidation.orderCodes'), render: (_, g) => g.codes.join(t('consolidation.listSep')) },
        {
          title: t('consolidation.invoice'),
          width: 190,
          render: (_, g) => {
            const path = `/consolidation/hubs/${hubId}/departures/${g.departureId}/invoice`;
            const params = { lang, shipper: g.shipper };
            const name = `invoice-${code(g.departureId)}-${g.shipper}`;
            return (
              <Space size={0}>
                <DownloadButton
                  path={`${path}.pdf`}
                  params={params}
                  fileName={`${name}.pdf`}
                  size="small"
                  type="link"
                  testId="invoice-pdf"
                >
                  PDF
                </DownloadButton>
                <DownloadButton
                  path={`${path}.xlsx`}
                  params={params}
                  fileName={`${name}.xlsx`}
                  size="small"
                  type="link"
                  testId="invoice-xlsx"
                >
                  Excel
                </DownloadButton>
              </Space>
            );
          },
        },
      ]}
    />
  );
}

function Fill({ v, label }: { v: number; label: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 180 }}>
      <span style={{ width: 40, fontSize: 12 }}>{label}</span>
      <Progress
        percent={Math.round(v * 1000) / 10}
        size="small"
        status={v > 0.999 ? 'success' : 'normal'}
        style={{ margin: 0, flex: 1 }}
      />
    </div>
  );
}

function PlanSummary({ p }: { p: TPlanView }) {
  const { t, i18n } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={12} md={4}>
        <Statistic title={t('consolidation.containers')} value={p.containers} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('consolidation.lowerBound')} value={p.lowerBound} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('consolidation.gap')} value={pct(p.gap)} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('consolidation.cost')} value={yuan(p.costFen, i18n.language)} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('consolidation.waitingDays')} value={p.waitingDays} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic
          title={t('consolidation.checker')}
          value={
            p.checkerProblems === 0
              ? t('consolidation.checkerOk')
              : t('consolidation.checkerBad', { count: p.checkerProblems })
          }
          valueStyle={{ color: p.checkerProblems === 0 ? '#389e0d' : '#cf1322', fontSize: 20 }}
        />
      </Col>
    </Row>
  );
}

function PlanView({ hubId, operate }: { hubId: number; operate?: boolean }) {
  const { t, i18n } = useTranslation();
  const plan = usePlan(hubId);
  const run = useRunPlan(hubId);
  const departures = useDepartures(operate ? hubId : undefined);
  const cancelDeparture = useCancelDeparture(hubId);
  const [editingDeparture, setEditingDeparture] = useState<number | null>(null);
  const editing = departures.data?.items.find((k) => k.id === editingDeparture);
  const editButton = (id: number, code: string) => {
    const d = departures.data?.items.find((k) => k.id === id);
    if (!operate || !d || d.status === 'cancelled') return null;
    return (
      <Button size="small" type="link" onClick={() => setEditingDeparture(id)} data-testid={`edit-departure-${code}`}>
        {t('consolidation.edit')}
      </Button>
    );
  };
  const cancelButton = (id: number, code: string) => {
    const d = departures.data?.items.find((k) => k.id === id);
    if (!operate || !d || d.status === 'cancelled') return null;
    return (
      <Popconfirm
        title={t('consolidation.cancelDepartureConfirm', { code })}
        okText={t('consolidation.confirmYes')}
        cancelText={t('consolidation.confirmNo')}
        onConfirm={() =>
          cancelDeparture.mutateAsync(
            { id, version: d.version },
            {
              onSuccess: (r) =>
                void message.success(t('consolidation.departureCancelled', { count: r.released.length })),
              onError: (e) => void message.error(String((e as Error).message)),
            },
          )
        }
      >
        <Button size="small" type="link" danger data-testid={`cancel-departure-${code}`}>
          {t('consolidation.cancelDeparture')}
        </Button>
      </Popconfirm>
    );
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {editing && <DepartureEditModal hubId={hubId} departure={editing} onClose={() => setEditingDeparture(null)} />}
      {operate && (
        <Button type="primary" data-testid="run-plan" loading={run.isPending} onClick={() => run.mutate()}>
          {run.isPending ? t('consolidation.planning') : t('consolidation.runPlan')}
        </Button>
      )}
      {run.isError && <Alert type="error" message={String((run.error as Error).message)} />}
      <QueryView query={plan} isEmpty={(d) => d === null} empty={t('consolidation.noPlan')}>
        {(p) =>
          p && (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="plan">
              <Typography.Text type="secondary">
                {t('consolidation.planMeta', { id: p.id, at: fmtDateTime(p.createdAt, i18n.language) })}
              </Typography.Text>
              {operate && <PlanSummary p={p} />}
              {p.departures.map((d) => (
                <Card
                  key={d.id}
                  size="small"
                  data-testid="plan-departure"
                  title={
                    <>
                      {`${d.code} · `}
                      <Place named={routeName(d.route, i18n.language)} stored={d.route} />
                    </>
                  }
                  extra={
                    <Space size={4}>
                      {`${t('consolidation.cutoffOn')} ${d.cutoffOn} · ${t('consolidation.departOn')} ${d.departOn}`}
                      {editButton(d.id, d.code)}
                      {cancelButton(d.id, d.code)}
                    </Space>
                  }
                >
                  <Row gutter={[12, 12]}>
                    {d.containers.map((c) => (
                      <Col key={c.id} xs={24} md={12} xl={8}>
                        <Card
                          size="small"
                          type="inner"
                          title={`${c.type} · ${c.id}`}
                          extra={c.priceFen !== null ? yuan(c.priceFen, i18n.language) : null}
                        >
                          <Fill v={c.volumeFill} label={t('consolidation.volumeFill')} />
                          <Fill v={c.weightFill} label={t('consolidation.weightFill')} />
                          <Table
                            size="small"
                            rowKey={(x) => `${x.orderId}`}
                            pagination={false}
                            dataSource={c.parts}
                            columns={[
                              {
                                title: t('consolidation.goods'),
                                render: (_, x) => (
                                  <>
                                    {x.orderCode} <OriginalText text={x.goods} tag={false} />
                                  </>
                                ),
                                ellipsis: true,
                              },
                              {
                                title: t('consolidation.chargeable'),
                                render: (_, x) => fmtNumber(x.chargeableKg, 0, i18n.language),
                                align: 'right',
                              },
                              {
                                title: t('consolidation.amount'),
                                render: (_, x) => yuan(x.amountFen, i18n.language),
                                align: 'right',
                              },
                            ]}
                          />
                          {c.otherParts > 0 && (
                            <Typography.Text type="secondary">
                              {t('consolidation.otherParts', { count: c.otherParts })}
                            </Typography.Text>
                          )}
                        </Card>
                      </Col>
                    ))}
                  </Row>
                  {operate && <InvoiceList hubId={hubId} departureId={d.id} />}
                </Card>
              ))}
              {p.unplaced.length > 0 && (
                <Card size="small" title={t('consolidation.unplaced')} data-testid="unplaced">
                  <Table
                    size="small"
                    rowKey="orderId"
                    pagination={false}
                    dataSource={p.unplaced}
                    columns={[
                      { title: t('consolidation.code'), dataIndex: 'orderCode' },
                      {
                        title: t('consolidation.reason'),
                        render: (_, u) => (i18n.language.startsWith('zh') ? u.zh : u.en),
                      },
                    ]}
                  />
                </Card>
              )}
            </Space>
          )
        }
      </QueryView>
    </Space>
  );
}

interface QuoteForm {
  goods: string;
  cargoClass: (typeof CARGO_CLASSES)[number];
  pieces: number;
  volumeM3: number;
  weightKg: number;
  destination: string;
  destinationCountry: string;
  readyOn: dayjs.Dayjs;
}

function ShipperView({ hubId }: { hubId: number }) {
  const { t, i18n } = useTranslation();
  const quote = useQuote(hubId);
  const [form] = Form.useForm<QuoteForm>();
  const initial = useMemo(
    () => ({
      cargoClass: 'general' as const,
      pieces: 10,
      volumeM3: 2,
      weightKg: 300,
      destination: 'DUISBURG',
      destinationCountry: '德国',
      readyOn: dayjs(),
    }),
    [],
  );
  const submit = (v: QuoteForm) =>
    quote.mutate({
      code: 'QUOTE',
      shipperName: '—',
      goods: v.goods,
      cargoClass: v.cargoClass,
      pieces: v.pieces,
      volumeM3: v.volumeM3,
      weightKg: v.weightKg,
      destination: v.destination,
      destinationCountry: v.destinationCountry,
      readyOn: v.readyOn.format('YYYY-MM-DD'),
    });
  const q = quote.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={t('consolidation.quoteTitle')}>
        <Typography.Paragraph type="secondary">{t('consolidation.quoteHelp')}</Typography.Paragraph>
        <Form form={form} layout="inline" initialValues={initial} onFinish={submit} data-testid="quote-form">
          <Form.Item name="goods" label={t('consolidation.goods')} rules={[{ required: true }]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="cargoClass" label={t('consolidation.cargoClass')}>
            <Select
              style={{ width: 120 }}
              options={CARGO_CLASSES.map((c) => ({
                value: c,
                label: t(`consolidation.class_${c}` as 'consolidation.class_general'),
              }))}
            />
          </Form.Item>
          <Form.Item name="pieces" label={t('consolidation.pieces')}>
            <InputNumber min={1} max={100000} />
          </Form.Item>
          <Form.Item name="volumeM3" label={t('consolidation.volume')}>
            <InputNumber min={0.01} max={10000} step={0.5} />
          </Form.Item>
          <Form.Item name="weightKg" label={t('consolidation.weight')}>
            <InputNumber min={1} max={1000000} />
          </Form.Item>
          <Form.Item name="destination" label={t('consolidation.destination')}>
            <Input style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="destinationCountry" label={t('consolidation.country')}>
            <Input style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name="readyOn" label={t('consolidation.readyOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={quote.isPending} data-testid="quote-submit">
              {t('consolidation.quoteButton')}
            </Button>
          </Form.Item>
        </Form>
        {quote.isError && (
          <Alert style={{ marginTop: 12 }} type="error" message={String((quote.error as Error).message)} />
        )}
        {q && (
          <Alert
            style={{ marginTop: 12 }}
            data-testid="quote-result"
            type={q.unplaced ? 'warning' : 'success'}
            message={
              q.unplaced
                ? t('consolidation.quoteNone', {
                    reason: i18n.language.startsWith('zh') ? q.unplaced.zh : q.unplaced.en,
                  })
                : t('consolidation.quoteResult', {
                    amount: yuan(q.amountFen, i18n.language),
                    departure: q.departureCode,
                    date: q.departOn,
                  })
            }
            description={`${t('consolidation.chargeable')}: ${fmtNumber(q.chargeableKg, 0, i18n.language)}`}
          />
        )}
      </Card>
      <OrdersBoard hubId={hubId} own />
      <Card size="small" title={t('consolidation.invoices')}>
        <InvoiceList hubId={hubId} />
      </Card>
      <PlanView hubId={hubId} />
    </Space>
  );
}

function Dashboard({ hubId }: { hubId: number }) {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const dash = useDashboard(hubId, month, true);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        {t('consolidation.month')}
        <DatePicker
          picker="month"
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          allowClear={false}
        />
      </Space>
      <QueryView query={dash}>
        {(d) => (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="dashboard">
            <Row gutter={16}>
              <Col xs={12} md={4}>
                <Statistic title={t('consolidation.departures')} value={d.departures} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('consolidation.containers')} value={d.containers} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('consolidation.avgVolumeFill')} value={pct(d.avgVolumeFill)} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('consolidation.avgWeightFill')} value={pct(d.avgWeightFill)} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('consolidation.orders')} value={d.orders} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('consolidation.goodsValue')} value={yuan(d.goodsValueFen, i18n.language)} />
              </Col>
            </Row>
            {d.destinations.length === 0 ? (
              <EmptyState />
            ) : (
              <Table
                size="small"
                rowKey="destination"
                pagination={false}
                dataSource={d.destinations}
                columns={[
                  {
                    title: t('consolidation.destination'),
                    render: (_, x) => (
                      <Place named={stationName(x.destination, i18n.language)} stored={x.destination} />
                    ),
                  },
                  {
                    title: t('consolidation.country'),
                    render: (_, x) => <Place named={countryName(x.country, i18n.language)} stored={x.country} />,
                  },
                  { title: t('consolidation.orders'), dataIndex: 'orders', align: 'right' },
                  {
                    title: t('consolidation.volume'),
                    render: (_, x) => fmtNumber(x.volumeM3, 1, i18n.language),
                    align: 'right',
                  },
                ]}
              />
            )}
          </Space>
        )}
      </QueryView>
    </Space>
  );
}
