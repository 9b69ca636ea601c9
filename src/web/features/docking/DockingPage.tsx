/** 供需对接: my postings and all visible ones (each with its matches), 替代外地供应, 楼上楼下. */
import { Alert, App, Button, Card, Drawer, Empty, InputNumber, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { usePermissions } from '../../app/permissions';
import { useCurrentUser } from '../../app/session';
import { OriginalText } from '../../components/OriginalText';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { SyntheticBadge } from '../../components/tags';
import {
  type TPosting,
  type TSuggestedDemand,
  useBuildingView,
  useClosePosting,
  useConfirmSuggested,
  usePostings,
  useSuggestedDemand,
} from './api';
import { PostingForm } from './PostingForm';
import { PostingsSheets } from './PostingsSheets';
import { k, PostingMatches, Quantity, TierTag } from './shared';

function PostingTable({ mine, kind }: { mine: boolean; kind: string | null }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const filters = { mine: mine ? 'true' : undefined, kind: kind ?? undefined };
  const q = usePostings({ ...filters, page, pageSize: 20 });
  const close = useClosePosting();
  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <PostingsSheets filters={filters} />
      </div>
      <QueryView query={q} isEmpty={(d) => d.total === 0}>
        {(d) => (
          <Table<TPosting>
            size="small"
            rowKey="id"
            dataSource={d.items}
            data-testid={mine ? 'my-postings' : 'all-postings'}
            pagination={{ current: page, pageSize: 20, total: d.total, onChange: setPage, size: 'small' }}
            expandable={{
              expandedRowRender: (p) => <PostingMatches postingId={p.id} kind={p.kind} />,
              rowExpandable: (p) => p.matchCount > 0,
            }}
            scroll={{ x: 900 }}
            columns={[
              {
                title: t('docking.productTitle'),
                key: 'title',
                render: (_, p) => (
                  <Space direction="vertical" size={0}>
                    <span>
                      <Tag color={p.kind === 'supply' ? 'green' : 'blue'}>{t(k(`docking.kind_${p.kind}`))}</Tag>
                      {/* The poster's words, in the language they were written in */}
                      <OriginalText text={p.title} tag={false} /> <SyntheticBadge synthetic={p.synthetic} />
                    </span>
                    <Typography.Text type="secondary">{p.enterpriseName}</Typography.Text>
                  </Space>
                ),
              },
              { title: t('docking.node'), key: 'node', width: 180, render: (_, p) => p.nodeName ?? '—' },
              {
                title: t('docking.quantity'),
                key: 'q',
                width: 140,
                render: (_, p) => <Quantity q={p.quantity} unit={p.unit} />,
              },
              {
                title: t('docking.validUntil'),
                key: 'v',
                width: 120,
                render: (_, p) => (p.expired ? <Tag>{t('docking.expired')}</Tag> : p.validUntil),
              },
              {
                title: t('docking.status'),
                key: 's',
                width: 90,
                render: (_, p) => <Tag>{t(k(`docking.status_${p.status}`))}</Tag>,
              },
              { title: t('docking.matchCount'), dataIndex: 'matchCount', key: 'm', width: 90, align: 'right' },
              ...(mine
                ? [
                    {
                      title: '',
                      key: 'close',
                      width: 110,
                      render: (_: unknown, p: TPosting) =>
                        p.status === 'open' && !p.redacted ? (
                          <Button size="small" onClick={() => close.mutate(p.id)} loading={close.isPending}>
                            {t('docking.close')}
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
    </>
  );
}

function Suggested() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useSuggestedDemand();
  const confirm = useConfirmSuggested();
  return (
    <>
      <Alert type="info" showIcon message={t('docking.suggestedIntro')} style={{ marginBottom: 12 }} />
      <QueryView query={q} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <Table<TSuggestedDemand>
            size="small"
            rowKey="linkId"
            dataSource={d.items}
            pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
            data-testid="suggested-demand"
            columns={[
              { title: t('docking.customer'), dataIndex: 'customerName', key: 'c' },
              { title: t('docking.productTitle'), dataIndex: 'product', key: 'p' },
              { title: t('docking.outsideSupplier'), dataIndex: 'supplierName', key: 's' },
              {
                title: t('docking.amountWan'),
                key: 'a',
                align: 'right',
                render: (_, s) => <Quantity q={s.amountWan} unit={null} />,
              },
              {
                title: t('docking.candidates'),
                key: 'cand',
                render: (_, s) => (
                  <Space direction="vertical" size={0}>
                    {s.candidates.map((c) => (
                      <span key={c.enterpriseId}>
                        {c.name} <TierTag tier={c.tier} />
                      </span>
                    ))}
                  </Space>
                ),
              },
              {
                title: '',
                key: 'go',
                width: 150,
                render: (_, s) =>
                  s.postingId ? (
                    <Tag color="green">{t('docking.alreadyPosted')}</Tag>
                  ) : (
                    <Button
                      size="small"
                      type="primary"
                      loading={confirm.isPending}
                      onClick={async () => {
                        try {
                          await confirm.mutateAsync({
                            linkId: s.linkId,
                            validUntil: dayjs().add(90, 'day').format('YYYY-MM-DD'),
                            visibility: 'city',
                          });
                        } catch (e) {
                          message.error(e instanceof Error ? e.message : String(e));
                        }
                      }}
                    >
                      {t('docking.confirmPost')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}

function Building() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const id = Number(params.get('building')) || null;
  const q = useBuildingView(id);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('docking.buildingId')}</span>
        <InputNumber
          min={1}
          precision={0}
          value={id ?? undefined}
          placeholder={t('docking.pickBuilding')}
          onChange={(v) =>
            setParams((p) => {
              const n = new URLSearchParams(p);
              if (v) n.set('building', String(v));
              else n.delete('building');
              return n;
            })
          }
          data-testid="building-id"
        />
      </Space>
      {id === null ? (
        <Empty description={t('docking.pickBuilding')} />
      ) : (
        <QueryView query={q}>
          {(v) => (
            <Card size="small" title={v.buildingName} data-testid="building-view">
              <Typography.Title level={5}>{t('docking.pairs')}</Typography.Title>
              <List
                size="small"
                dataSource={v.pairs}
                locale={{ emptyText: t('common.empty') }}
                renderItem={(p) => (
                  <List.Item>
                    {t('docking.floorNo', { n: p.supplierFloor })} {p.supplierName} →{' '}
                    {t('docking.floorNo', { n: p.customerFloor })} {p.customerName}{' '}
                    <Tag>{`${p.edge.fromName} → ${p.edge.toName}`}</Tag>
                    {p.linked && <Tag color="green">{t('docking.linked')}</Tag>}
                  </List.Item>
                )}
              />
              <Typography.Title level={5}>{t('docking.tenants')}</Typography.Title>
              <Table
                size="small"
                rowKey="floorNo"
                pagination={false}
                dataSource={v.floors}
                columns={[
                  { title: t('docking.floorNo', { n: '' }), dataIndex: 'floorNo', key: 'f', width: 80 },
                  {
                    title: t('docking.tenants'),
                    key: 't',
                    render: (_, f) =>
                      f.tenants.map((x) => (
                        <div key={x.enterpriseId}>
                          {x.name} <SyntheticBadge synthetic={x.synthetic} />{' '}
                          {x.nodes.map((n) => (
                            <Tag key={n}>{n}</Tag>
                          ))}
                        </div>
                      )),
                  },
                ]}
              />
            </Card>
          )}
        </QueryView>
      )}
    </>
  );
}

export default function DockingPage() {
  const { t } = useTranslation();
  const perms = usePermissions();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState(false);
  // A firm opens on its own postings; those who post on behalf of firms (officers, operators, the bureau) open on
  // every posting they may see, where the book is, not on the few they typed in themselves.
  const tab = params.get('tab') ?? (perms.may('docking.post') && perms.role === 'enterprise_user' ? 'mine' : 'all');
  const kind = params.get('kind');
  return (
    <>
      <PageHeader
        title={t('docking.title')}
        subtitle={t('docking.subtitle')}
        extra={
          perms.may('docking.post') && (
            <Button type="primary" onClick={() => setOpen(true)} data-testid="new-posting">
              {t('docking.newPosting')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          ...(perms.may('docking.post')
            ? [{ key: 'mine', label: t('docking.tab_mine'), children: <PostingTable mine kind={kind} /> }]
            : []),
          { key: 'all', label: t('docking.tab_all'), children: <PostingTable mine={false} kind={kind} /> },
          ...(perms.may('docking.suggested')
            ? [{ key: 'suggested', label: t('docking.tab_suggested'), children: <Suggested /> }]
            : []),
          { key: 'building', label: t('docking.tab_building'), children: <Building /> },
        ]}
      />
      <Drawer open={open} onClose={() => setOpen(false)} title={t('docking.newPosting')} width={520} destroyOnHidden>
        <PostingForm
          enterpriseId={user?.role === 'enterprise_user' ? (user.enterpriseId ?? null) : null}
          onDone={() => {
            setOpen(false);
            // Show the new posting among the poster's own.
            setParams({ tab: 'mine' });
          }}
          onCancel={() => setOpen(false)}
        />
      </Drawer>
    </>
  );
}
