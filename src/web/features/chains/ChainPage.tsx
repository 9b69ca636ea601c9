/**
 * One chain in one scope: the health score with its parts, the chain graph coloured by health
 * (click a segment for its drill-down), the leaders with their local supporting rates and, for a
 * leader, its suppliers on the map. Scope, counting rule and the open segment live in the URL.
 */
import { PrinterOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Modal, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { fmtNumber } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/states';
import { type ChainLeader, useChainHealth, useChainTemplate } from './api';
import { ChainGraph } from './ChainGraph';
import { GapList } from './GapList';
import { LeadersPanel } from './LeadersPanel';
import { NodeDrawer } from './NodeDrawer';
import { ScoreBadge, ScoreParts } from './ScorePanel';
import { SupplierMap } from './SupplierMap';
import { ScopePicker, SuggestedSwitch, useChainScope, useScopeName } from './scope';
import { GraphLegend } from './status';

export default function ChainPage() {
  const { code } = useParams();
  const { t, i18n } = useTranslation();
  const { get, set } = useUrlState();
  const { scope, suggested, setScope, setSuggested } = useChainScope();
  const scopeName = useScopeName(scope);
  const template = useChainTemplate(code);
  const health = useChainHealth(code, scope, suggested);
  const [mapOf, setMapOf] = useState<ChainLeader | null>(null);
  const en = i18n.language === 'en-US';
  const lang = en ? 'en' : 'zh';
  const node = get('node');
  const query = `scope=${encodeURIComponent(scope)}${suggested ? '' : '&confirmed=1'}`;

  const tpl = template.data;
  const h = health.data;
  const title = tpl ? (en ? tpl.nameEn : tpl.nameZh) : t('chains.title');
  return (
    <>
      <PageHeader
        title={title}
        subtitle={`${t('chains.scope')}${t('common.colon')}${scopeName}`}
        crumbs={[{ title: t('chains.title'), to: `/chains?${query}` }, { title }]}
        extra={
          <Space wrap>
            <Link to={`/chains/compare?code=${code}&a=${encodeURIComponent(scope)}${suggested ? '' : '&confirmed=1'}`}>
              <Button icon={<SwapOutlined />}>{t('chains.compare')}</Button>
            </Link>
            <DownloadButton
              path={`/chains/${code}/health.xlsx`}
              params={{ scope, includeSuggested: String(suggested), lang }}
              fileName={`parklink-chain-${code}.xlsx`}
              testId="export-chain"
            >
              {t('chains.exportXlsx')}
            </DownloadButton>
            <Link to={`/print/chains/${code}?${query}`} target="_blank">
              <Button icon={<PrinterOutlined />} data-testid="print-link">
                {t('chains.print')}
              </Button>
            </Link>
          </Space>
        }
      />
      <Flex gap={24} wrap align="center" style={{ marginBottom: 16 }}>
        <ScopePicker value={scope} onChange={setScope} />
        <SuggestedSwitch value={suggested} onChange={setSuggested} />
      </Flex>
      {template.isError ? (
        <ErrorState error={template.error} onRetry={() => void template.refetch()} />
      ) : health.isError ? (
        <ErrorState error={health.error} onRetry={() => void health.refetch()} />
      ) : !tpl || !h ? (
        <Loading rows={10} />
      ) : (
        <Flex vertical gap={16}>
          <Card size="small" data-testid="chain-summary">
            <Flex gap={32} align="center" wrap>
              <ScoreBadge value={h.score.value} />
              <Statistic title={t('chains.covered')} value={`${h.summary.covered}/${h.summary.segments}`} />
              <Statistic
                title={t('chains.missing')}
                value={h.summary.missing}
                styles={{ content: { color: '#cf1322' } }}
              />
              <Statistic title={t('chains.weak')} value={h.summary.weak} styles={{ content: { color: '#d48806' } }} />
              <Statistic
                title={t('chains.strong')}
                value={h.summary.strong}
                styles={{ content: { color: '#389e0d' } }}
              />
              <Statistic title={t('chains.localFirms')} value={h.summary.localFirms} />
              {h.summary.localOutputWan !== null && (
                <Statistic
                  title={`${t('chains.localOutput')}${en ? ' (10k CNY)' : '（万元）'}`}
                  value={fmtNumber(h.summary.localOutputWan, 0, i18n.language)}
                />
              )}
              <Statistic title={t('chains.leaders')} value={h.leaders.length} />
            </Flex>
          </Card>
          <Card
            size="small"
            title={t('chains.graph')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('chains.graphHint')}
              </Typography.Text>
            }
          >
            <div style={{ marginBottom: 8 }}>
              <GraphLegend />
            </div>
            <ChainGraph
              template={tpl}
              health={h}
              selected={node}
              onNodeClick={(id) => set({ node: id }, { replace: true })}
            />
          </Card>
          <Card size="small" title={t('chains.gaps')}>
            <GapList h={h} onOpen={(id) => set({ node: id }, { replace: true })} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('chains.scoreParts')} style={{ height: '100%' }}>
                <ScoreParts h={h} compact />
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
                  {t('chains.scoreFormula')}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card size="small" title={t('chains.leaders')} style={{ height: '100%' }}>
                <LeadersPanel h={h} onMap={setMapOf} />
              </Card>
            </Col>
          </Row>
          <NodeDrawer
            template={tpl}
            health={h}
            nodeId={node}
            scope={scope}
            suggested={suggested}
            onClose={() => set({ node: undefined }, { replace: true })}
          />
          <Modal
            open={!!mapOf}
            onCancel={() => setMapOf(null)}
            footer={null}
            width={960}
            title={mapOf ? t('chains.suppliersOf', { name: mapOf.name }) : ''}
            destroyOnHidden
          >
            {mapOf && code && <SupplierMap leaderId={mapOf.enterpriseId} scope={scope} chain={code} />}
          </Modal>
        </Flex>
      )}
    </>
  );
}
