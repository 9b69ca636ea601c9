/** Projects: board by stage, list with filters (in the URL) and Excel export, my reminders, weekly digest, leads to convert. */
import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Checkbox, Flex, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PROJECT_STAGES, SOURCE_KINDS } from '../../../contracts/invest';
import { fmtNumber } from '../../app/format';
import { useLabels } from '../../app/labels';
import { useCurrentUser } from '../../app/session';
import { usePaging, useUrlState } from '../../app/useUrlState';
import { Confidential } from '../../components/Confidential';
import { DownloadButton } from '../../components/DownloadButton';
import { FilterBar, FilterSelect, SearchBox } from '../../components/filters';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import { type TProject, useProjects, useReminders } from './api';
import { Board } from './Board';
import { DigestPanel, RemindersPanel, ShortlistPanel } from './FollowUpPanels';
import { ProjectForm } from './ProjectForm';
import { k, ProjectStageTag } from './shared';

const FILTER_KEYS = ['q', 'stage', 'sourceKind', 'chainCode', 'overdue', 'mine'];

function UrlCheckbox({ urlKey, label }: { urlKey: string; label: string }) {
  const { get, set } = useUrlState();
  return (
    <Checkbox
      checked={get(urlKey) === 'true'}
      onChange={(e) => set({ [urlKey]: e.target.checked ? 'true' : null })}
      data-testid={`filter-${urlKey}`}
    >
      {label}
    </Checkbox>
  );
}

export default function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const { options } = useLabels();
  const { get, set } = useUrlState();
  const paging = usePaging(20);
  const navigate = useNavigate();
  const user = useCurrentUser();
  const view = get('view') ?? 'board';
  const filters = {
    q: get('q'),
    stage: get('stage'),
    sourceKind: get('sourceKind'),
    chainCode: get('chainCode'),
    overdue: get('overdue'),
    mine: get('mine'),
  };
  const board = view === 'board';
  const params = {
    ...filters,
    ...(board ? { limit: 1000, offset: 0 } : { limit: paging.limit, offset: paging.offset, sort: paging.sort }),
  };
  const projects = useProjects(params);
  const reminders = useReminders();
  const due =
    (reminders.data?.followUps.filter((f) => f.bucket === 'overdue' || f.bucket === 'today').length ?? 0) +
    (reminders.data?.orders.length ?? 0);
  const mayCreate = !!user && ['city_admin', 'investment_officer', 'district_user'].includes(user.role);

  const columns: ColumnsType<TProject> = [
    {
      title: t('invest.codeName'),
      key: 'codeName',
      render: (_, p) => (
        <span>
          <Link to={`/projects/${p.id}`}>{p.codeName}</Link> <SyntheticBadge synthetic={p.synthetic} />
        </span>
      ),
    },
    {
      title: t('invest.investor'),
      key: 'investor',
      render: (_, p) => (p.redacted ? <Confidential compact /> : (p.investorEnterpriseName ?? p.investorName)),
    },
    {
      title: t('invest.stage'),
      dataIndex: 'stage',
      key: 'stage',
      width: 100,
      render: (s) => <ProjectStageTag stage={s} />,
    },
    {
      title: t('invest.investmentWan'),
      dataIndex: 'investmentWan',
      key: 'investmentWan',
      align: 'right',
      width: 120,
      render: (v: number | null) => fmtNumber(v, 0, i18n.language),
    },
    { title: t('invest.park'), dataIndex: 'parkName', key: 'parkName' },
    { title: t('invest.owner'), dataIndex: 'ownerName', key: 'ownerName', width: 140 },
    {
      title: t('invest.originRegion'),
      dataIndex: 'originRegion',
      key: 'originRegion',
      width: 110,
      render: (r) => t(k(`invest.region_${r}`)),
    },
    {
      title: t('invest.nextFollowUpOn'),
      key: 'nextFollowUpOn',
      width: 130,
      render: (_, p) =>
        p.overdue ? (
          <Typography.Text type="danger">
            {p.nextFollowUpOn} · {t('invest.overdue')}
          </Typography.Text>
        ) : (
          p.nextFollowUpOn
        ),
    },
  ];

  const filterBar = (
    <FilterBar keys={FILTER_KEYS}>
      <SearchBox />
      {!board && (
        <FilterSelect
          urlKey="stage"
          label={t('invest.filterStage')}
          options={PROJECT_STAGES.map((s) => ({ value: s, label: t(k(`invest.stage_${s}`)) }))}
        />
      )}
      <FilterSelect
        urlKey="sourceKind"
        label={t('invest.filterSource')}
        options={SOURCE_KINDS.map((s) => ({ value: s, label: t(`invest.source_${s}`) }))}
      />
      <FilterSelect urlKey="chainCode" label={t('invest.filterChain')} options={options('chain')} width={200} />
      <UrlCheckbox urlKey="overdue" label={t('invest.filterOverdue')} />
      <UrlCheckbox urlKey="mine" label={t('invest.filterMine')} />
    </FilterBar>
  );

  const listBody = projects.isError ? (
    <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
  ) : projects.isPending ? (
    <Loading />
  ) : board ? (
    projects.data.total === 0 ? (
      <EmptyState description={t('invest.empty')} />
    ) : (
      <Board items={projects.data.items} />
    )
  ) : (
    <Table<TProject>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={projects.data.items}
      loading={projects.isFetching}
      locale={{ emptyText: <EmptyState description={t('invest.empty')} /> }}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: projects.data.total,
        showSizeChanger: true,
        showTotal: (n) => t('invest.total', { count: n }),
        onChange: paging.onChange,
      }}
      data-testid="project-table"
    />
  );

  return (
    <>
      <PageHeader
        title={t('invest.title')}
        extra={
          <Flex gap={8}>
            <DownloadButton
              path="/projects/export"
              params={{ ...filters, lang: i18n.language === 'en-US' ? 'en' : 'zh' }}
              fileName="parklink-projects.xlsx"
              testId="export-projects"
            >
              {t('invest.exportXlsx')}
            </DownloadButton>
            {mayCreate && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => set({ new: '1' })}
                data-testid="new-project"
              >
                {t('invest.newProject')}
              </Button>
            )}
          </Flex>
        }
      />
      <Tabs
        activeKey={view}
        onChange={(k) => set({ view: k === 'board' ? null : k })}
        items={[
          { key: 'board', label: t('invest.board') },
          { key: 'list', label: t('invest.list') },
          {
            key: 'reminders',
            label: (
              <Badge count={due} size="small" offset={[8, -2]} data-testid="reminder-badge">
                {t('invest.reminders')}
              </Badge>
            ),
          },
          { key: 'digest', label: t('invest.digest') },
          ...(mayCreate ? [{ key: 'shortlist', label: t('invest.shortlist') }] : []),
        ]}
      />
      {view === 'board' || view === 'list' ? (
        <Card size="small">
          {filterBar}
          {listBody}
        </Card>
      ) : view === 'reminders' ? (
        <RemindersPanel query={reminders} />
      ) : view === 'digest' ? (
        <DigestPanel />
      ) : (
        <ShortlistPanel />
      )}
      <ProjectForm
        open={get('new') === '1'}
        onClose={() => set({ new: null })}
        onSaved={(p) => navigate(`/projects/${p.id}`)}
      />
    </>
  );
}
