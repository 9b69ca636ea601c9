import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CHAIN_CODES } from '../../../contracts/enums';
import { SPACE_LIMITS, type TSiteNeedInput } from '../../../contracts/space';
import { useLabels } from '../../app/labels';
import { ServerErrorList } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { useServerErrors } from '../../components/useServerErrors';
import {
  reasonText,
  type TSiteSearch,
  useProjectSearch,
  useRules,
  useSearch,
  useShortlist,
  useShortlistOf,
} from './api';

const FIELDS = [
  'areaMinM2',
  'areaMaxM2',
  'floorLoadKnM2',
  'clearHeightM',
  'powerKva',
  'elevatorT',
  'elevatorCarWidthM',
  'elevatorCarDepthM',
  'exhaust',
  'waterDrainage',
  'cleanRoomIso',
  'hazardous',
  'process',
  'maxFloor',
  'budgetYuanM2Month',
  'chainCode',
] as const;

function parseNeed(s: string | null): TSiteNeedInput | null {
  if (!s) return null;
  try {
    return JSON.parse(s) as TSiteNeedInput;
  } catch {
    return null;
  }
}

/** 智慧选址: the need in the form (and the URL), results with reasons, units ruled out with reasons. */
export default function SearchPage() {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const lang = i18n.language;
  const [sp, setSp] = useSearchParams();
  const projectId = Number(sp.get('project')) || null;
  const [form] = Form.useForm<TSiteNeedInput>();
  const server = useServerErrors(FIELDS);
  const search = useSearch();
  const fromProject = useProjectSearch();
  const shortlist = useShortlist(projectId);
  const kept = new Set((useShortlistOf(projectId).data?.items ?? []).map((x) => x.unitId));
  const rules = useRules();
  const data: TSiteSearch | undefined = fromProject.data ?? search.data;

  const run = (need: TSiteNeedInput) => {
    server.clear();
    const clean = Object.fromEntries(
      Object.entries(need).filter(([, v]) => v !== undefined && v !== null && v !== false),
    );
    search.mutate(clean as TSiteNeedInput, { onError: server.setError });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once for the URL the page opened with
  useEffect(() => {
    if (projectId)
      fromProject.mutate(projectId, {
        onSuccess: (r) => form.setFieldsValue(r.need),
        onError: server.setError,
      });
    else {
      const need = parseNeed(sp.get('need'));
      if (need) {
        form.setFieldsValue(need);
        run(need);
      }
    }
  }, []);

  const submit = (v: TSiteNeedInput) => {
    const next = new URLSearchParams(sp);
    next.set('need', JSON.stringify(v));
    // The project stays: a need adjusted by hand still shortlists into it.
    setSp(next, { replace: true });
    run(v);
  };
  const num = (name: (typeof FIELDS)[number], label: string, b: { min: number; max: number }) => (
    <Col xs={12} md={6} key={name}>
      <Form.Item name={name} label={label} {...server.itemProps([name])}>
        <InputNumber min={b.min} max={b.max} style={{ width: '100%' }} data-testid={`need-${name}`} />
      </Form.Item>
    </Col>
  );
  return (
    <>
      <PageHeader title={t('space.searchTitle')} subtitle={t('space.searchSubtitle')} />
      {projectId && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          message={t('space.fromProject', { id: projectId })}
          action={<Link to={`/projects/${projectId}`}>{t('space.backToProject')}</Link>}
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          onValuesChange={server.onValuesChange}
          data-testid="space-need"
        >
          <Row gutter={12}>
            {num('areaMinM2', t('space.areaMin'), { min: 0, max: SPACE_LIMITS.areaM2.max })}
            {num('areaMaxM2', t('space.areaMax'), { min: 0, max: SPACE_LIMITS.areaM2.max })}
            {num('floorLoadKnM2', t('space.floorLoad'), { min: 0, max: 1000 })}
            {num('clearHeightM', t('space.clearHeight'), { min: 0, max: 1000 })}
            {num('powerKva', t('space.power'), SPACE_LIMITS.powerKva)}
            {num('elevatorT', t('space.elevatorT'), SPACE_LIMITS.elevatorT)}
            {num('maxFloor', t('space.maxFloor'), SPACE_LIMITS.floor)}
            {num('budgetYuanM2Month', t('space.budget'), SPACE_LIMITS.rent)}
            <Col xs={12} md={6}>
              <Form.Item name="process" label={t('space.process')} {...server.itemProps(['process'])}>
                <Select
                  allowClear
                  options={(rules.data?.rules ?? []).map((r) => ({
                    value: r.process,
                    label: lang.startsWith('zh') ? r.nameZh : r.nameEn,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="chainCode" label={t('space.chain')} {...server.itemProps(['chainCode'])}>
                <Select allowClear options={CHAIN_CODES.map((c) => ({ value: c, label: label('chain', c) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="cleanRoomIso" label={t('space.cleanRoom')} {...server.itemProps(['cleanRoomIso'])}>
                <Select allowClear options={[5, 6, 7, 8].map((c) => ({ value: c, label: `ISO ${c}` }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label=" ">
                <Space wrap>
                  <Form.Item name="exhaust" valuePropName="checked" noStyle>
                    <Checkbox>{t('space.exhaust')}</Checkbox>
                  </Form.Item>
                  <Form.Item name="waterDrainage" valuePropName="checked" noStyle>
                    <Checkbox>{t('space.water')}</Checkbox>
                  </Form.Item>
                  <Form.Item name="hazardous" valuePropName="checked" noStyle>
                    <Checkbox>{t('space.hazardous')}</Checkbox>
                  </Form.Item>
                </Space>
              </Form.Item>
            </Col>
          </Row>
          <ServerErrorList items={server.unmatched} />
          <Button
            type="primary"
            htmlType="submit"
            loading={search.isPending || fromProject.isPending}
            data-testid="space-search"
          >
            {t('space.search')}
          </Button>
        </Form>
      </Card>
      {data && (
        <Row gutter={12}>
          <Col xs={24} lg={14}>
            <Card
              size="small"
              title={t('space.results', { n: data.results.length })}
              extra={t('space.considered', { count: data.considered })}
            >
              {data.results.length === 0 ? (
                <EmptyState description={t('space.noResults')} />
              ) : (
                <List
                  data-testid="space-results"
                  dataSource={data.results}
                  renderItem={(r) => (
                    <List.Item
                      actions={
                        projectId
                          ? [
                              <Button
                                key="s"
                                size="small"
                                data-testid={`shortlist-${r.unitIds.join('-')}`}
                                disabled={r.unitIds.every((u) => kept.has(u))}
                                onClick={() => shortlist.mutate(r.unitIds, { onError: server.setError })}
                                loading={shortlist.isPending && shortlist.variables === r.unitIds}
                              >
                                {r.unitIds.every((u) => kept.has(u)) ? t('space.shortlisted') : t('space.shortlist')}
                              </Button>,
                            ]
                          : []
                      }
                    >
                      <List.Item.Meta
                        title={
                          <Space wrap>
                            <span>
                              {r.parkName} · {r.buildingName} · F{r.floorNo} · {r.unitCodes.join('+')}
                            </span>
                            <Tag color="blue">
                              {t('space.score')} {r.score}
                            </Tag>
                            {r.unitIds.length > 1 && <Tag>{t('space.combined', { count: r.unitIds.length })}</Tag>}
                            <SyntheticBadge synthetic={r.synthetic} />
                          </Space>
                        }
                        description={
                          <ul style={{ margin: 0, paddingLeft: 18 }}>
                            {r.fits.map((f) => (
                              <li key={f.rule}>{reasonText(f, lang)}</li>
                            ))}
                          </ul>
                        }
                      />
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('space.ruledOutCounts')} style={{ marginBottom: 12 }}>
              <Space wrap>
                {Object.entries(data.ruledOutCounts).map(([k, n]) => (
                  <Tag key={k}>
                    {k}: {n}
                  </Tag>
                ))}
              </Space>
            </Card>
            <Card size="small" title={t('space.ruledOut')}>
              <Table
                size="small"
                rowKey="unitId"
                data-testid="space-ruled-out"
                dataSource={data.ruledOut}
                pagination={{ pageSize: 10 }}
                columns={[
                  {
                    title: t('space.unit'),
                    render: (_, o) => (
                      <Typography.Text>
                        {o.buildingName} F{o.floorNo} {o.unitCode}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('space.why'),
                    render: (_, o) => o.reasons.map((r) => <div key={r.rule + r.en}>{reasonText(r, lang)}</div>),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
