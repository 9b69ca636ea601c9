/** One match: both sides (figures and contacts as the caller may see them), the evidence, decisions, the deal. */
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Table,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { fmtFixed, fmtNumber } from '../../app/format';
import { Confidential } from '../../components/Confidential';
import { ServerErrorList } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { useServerErrors } from '../../components/useServerErrors';
import { type TMatch, useDecide, useMatches, useRecordDeal } from './api';
import { Evidence, k, MatchStatus, Quantity } from './shared';

function Side({ m, side }: { m: TMatch; side: 'demand' | 'supply' }) {
  const { t, i18n } = useTranslation();
  const s = m[side];
  const secret = (v: string | null) => v ?? <Confidential compact label={t('docking.contactHidden')} />;
  return (
    <Card
      size="small"
      title={side === 'demand' ? t('docking.demandSide') : t('docking.supplySide')}
      data-testid={`side-${side}`}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('docking.enterprise')}>{s.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label={t('docking.productTitle')}>{s.title ?? t('docking.firmProfile')}</Descriptions.Item>
        <Descriptions.Item label={t('docking.quantity')}>
          <Quantity q={s.quantity} unit={s.unit} />
        </Descriptions.Item>
        <Descriptions.Item label={t('docking.price')}>
          {s.priceWan === null ? <Confidential compact /> : fmtNumber(s.priceWan, 2, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('docking.contactName')}>{secret(s.contactName)}</Descriptions.Item>
        <Descriptions.Item label={t('docking.contactPhone')}>{secret(s.contactPhone)}</Descriptions.Item>
        <Descriptions.Item label={t('docking.decision')}>
          {s.decision ? t(k(`docking.decision_${s.decision}`)) : t('docking.undecided')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function DealForm({ m }: { m: TMatch }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const deal = useRecordDeal();
  const errors = useServerErrors(['product', 'amountWan', 'signedOn', 'termMonths']);
  return (
    <Form
      layout="inline"
      onValuesChange={errors.onValuesChange}
      initialValues={{ product: m.supply.title ?? m.demand.title ?? '', signedOn: dayjs(), termMonths: 12 }}
      onFinish={async (v: Record<string, unknown>) => {
        errors.clear();
        try {
          await deal.mutateAsync({
            id: m.id,
            body: {
              product: v.product as string,
              amountWan: v.amountWan as number,
              termMonths: v.termMonths as number,
              signedOn: (v.signedOn as dayjs.Dayjs).format('YYYY-MM-DD'),
            },
          });
          message.success(t('docking.dealSaved'));
        } catch (e) {
          errors.setError(e);
        }
      }}
      data-testid="deal-form"
    >
      <ServerErrorList items={errors.unmatched} />
      <Form.Item
        name="product"
        label={t('docking.dealProduct')}
        rules={[{ required: true }]}
        {...errors.itemProps(['product'])}
      >
        <Input style={{ width: 220 }} maxLength={200} />
      </Form.Item>
      <Form.Item
        name="amountWan"
        label={t('docking.amountWan')}
        rules={[{ required: true }]}
        {...errors.itemProps(['amountWan'])}
      >
        <InputNumber min={0} />
      </Form.Item>
      <Form.Item
        name="signedOn"
        label={t('docking.signedOn')}
        rules={[{ required: true }]}
        {...errors.itemProps(['signedOn'])}
      >
        <DatePicker />
      </Form.Item>
      <Form.Item
        name="termMonths"
        label={t('docking.termMonths')}
        rules={[{ required: true }]}
        {...errors.itemProps(['termMonths'])}
      >
        <InputNumber min={1} max={600} precision={0} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={deal.isPending} data-testid="deal-submit">
        {t('docking.recordDeal')}
      </Button>
    </Form>
  );
}

function Body({ m }: { m: TMatch }) {
  const { t, i18n } = useTranslation();
  const decide = useDecide();
  const { message } = App.useApp();
  const mine = m.mySide ? m[m.mySide] : null;
  const act = async (decision: 'interested' | 'not_relevant') => {
    try {
      await decide.mutateAsync({ id: m.id, decision, ...(m.mySide ? { side: m.mySide } : {}) });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <PageHeader
        title={`${m.demand.enterpriseName} ← ${m.supply.enterpriseName}`}
        crumbs={[{ title: t('docking.title'), to: '/docking' }, { title: t('docking.matchTitle') }]}
        tags={
          <Space>
            <MatchStatus status={m.status} />
            <SyntheticBadge synthetic={m.synthetic} />
          </Space>
        }
      />
      <Row gutter={12}>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={`${t('docking.evidence')} · ${t('docking.score')} ${fmtFixed(m.score, 2, i18n.language)}`}
          >
            <Evidence m={m} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Side m={m} side="demand" />
        </Col>
        <Col xs={24} lg={8}>
          <Side m={m} side="supply" />
        </Col>
      </Row>
      {mine && mine.decision === null && (
        <Space style={{ marginTop: 12 }}>
          <Button
            type="primary"
            onClick={() => void act('interested')}
            loading={decide.isPending}
            data-testid="decide-interested"
          >
            {t('docking.interested')}
          </Button>
          <Button onClick={() => void act('not_relevant')} loading={decide.isPending} data-testid="decide-not-relevant">
            {t('docking.notRelevant')}
          </Button>
        </Space>
      )}
      <Card size="small" title={t('docking.deals')} style={{ marginTop: 12 }}>
        {m.deals.length > 0 && (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={m.deals}
            columns={[
              { title: t('docking.dealProduct'), dataIndex: 'product', key: 'p' },
              {
                title: t('docking.amountWan'),
                key: 'a',
                align: 'right',
                render: (_, d) =>
                  d.amountWan === null ? <Confidential compact /> : fmtNumber(d.amountWan, 2, i18n.language),
              },
              { title: t('docking.signedOn'), dataIndex: 'signedOn', key: 's' },
              { title: t('docking.termMonths'), dataIndex: 'termMonths', key: 'tm', align: 'right' },
            ]}
          />
        )}
        {m.mySide && (m.status === 'contact' || m.status === 'deal') ? (
          <div style={{ marginTop: 12 }}>
            <DealForm m={m} />
          </div>
        ) : (
          m.mySide && <Alert type="info" showIcon message={t('docking.contactFirst')} />
        )}
      </Card>
    </>
  );
}

export default function MatchPage() {
  const id = Number(useParams().id);
  const q = useMatches({ id }, Number.isInteger(id) && id > 0);
  return <QueryView query={q}>{(d) => (d.items[0] ? <Body m={d.items[0]} /> : <EmptyState />)}</QueryView>;
}
