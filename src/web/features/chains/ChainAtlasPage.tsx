/** The chain atlas: every chain as a card with its health score, gaps and leaders in the chosen scope. */
import { AppstoreOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtNumber, listSep } from '../../app/format';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { type ChainHealth, useAllHealth } from './api';
import { ScopePicker, SuggestedSwitch, useChainScope, useScopeName } from './scope';
import { scoreColor } from './status';

// contracts/chains SHIPPED_CHAIN_CODES, copied so the page does not pull zod into the bundle
const ORDER: readonly string[] = ['oe', 'nev', 'lh', 'he', 'bd', 'sec', 'ei', 'st', 'nm', 'sp', 'ai'];
/** The shipped order (the five advantage industries first), other chains after them by code. */
export function shippedOrder<T extends { chainCode: string }>(list: readonly T[]): T[] {
  const rank = (c: string) => (ORDER.includes(c) ? ORDER.indexOf(c) : ORDER.length);
  return [...list].sort((a, b) => rank(a.chainCode) - rank(b.chainCode) || a.chainCode.localeCompare(b.chainCode));
}

export function chainHref(code: string, scope: string, suggested: boolean) {
  const sp = new URLSearchParams();
  if (scope !== 'city') sp.set('scope', scope);
  if (!suggested) sp.set('confirmed', '1');
  const q = sp.toString();
  return `/chains/${code}${q ? `?${q}` : ''}`;
}

function ChainCard({ h, scope, suggested }: { h: ChainHealth; scope: string; suggested: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const s = h.summary;
  return (
    <Link to={chainHref(h.chainCode, scope, suggested)} data-testid={`chain-card-${h.chainCode}`}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={5} style={{ margin: 0 }} ellipsis>
              {en ? h.nameEn : h.nameZh}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('chains.covered')} {s.covered}/{s.segments} · {t('chains.localFirms')} {s.localFirms}
            </Typography.Text>
          </div>
          <div style={{ textAlign: 'right' }}>
            <div style={{ fontSize: 26, fontWeight: 700, lineHeight: 1, color: scoreColor(h.score.value) }}>
              {fmtNumber(h.score.value, 1, i18n.language)}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('chains.score')}
            </Typography.Text>
          </div>
        </Flex>
        <Flex gap={4} wrap style={{ marginTop: 8 }}>
          <Tag color="red">
            {t('chains.missing')} {s.missing}
          </Tag>
          <Tag color="gold">
            {t('chains.weak')} {s.weak}
          </Tag>
          <Tag color="green">
            {t('chains.strong')} {s.strong}
          </Tag>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }} ellipsis={{ rows: 1 }}>
          {t('chains.leaders')}：
          {h.leaders.length ? h.leaders.map((l) => l.name).join(listSep(i18n.language)) : t('chains.noLeader')}
        </Typography.Paragraph>
      </Card>
    </Link>
  );
}

export default function ChainAtlasPage() {
  const { t, i18n } = useTranslation();
  const { scope, suggested, setScope, setSuggested } = useChainScope();
  const scopeName = useScopeName(scope);
  const health = useAllHealth(scope, suggested);
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';
  return (
    <>
      <PageHeader
        title={t('chains.title')}
        subtitle={`${t('chains.subtitle')} · ${scopeName}`}
        extra={
          <Space wrap>
            <Link to={`/chains/matrix${suggested ? '' : '?confirmed=1'}`}>
              <Button icon={<AppstoreOutlined />}>{t('chains.matrix')}</Button>
            </Link>
            <Link to={`/chains/compare?code=oe&a=${encodeURIComponent(scope)}`}>
              <Button icon={<SwapOutlined />}>{t('chains.compare')}</Button>
            </Link>
            <DownloadButton
              path="/chain-health.xlsx"
              params={{ scope, includeSuggested: String(suggested), lang }}
              fileName="parklink-chains.xlsx"
              testId="export-atlas"
            >
              {t('chains.exportXlsx')}
            </DownloadButton>
          </Space>
        }
      />
      <Flex gap={24} wrap align="center" style={{ marginBottom: 16 }}>
        <ScopePicker value={scope} onChange={setScope} />
        <SuggestedSwitch value={suggested} onChange={setSuggested} />
      </Flex>
      <QueryView query={health} isEmpty={(d) => d.length === 0} rows={8}>
        {(list) => (
          <>
            <Row gutter={[12, 12]} data-testid="chain-cards">
              {shippedOrder(list).map((h) => (
                <Col key={h.chainCode} xs={24} sm={12} lg={8} xl={6}>
                  <ChainCard h={h} scope={scope} suggested={suggested} />
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
              {t('chains.syntheticNote')}
            </Typography.Paragraph>
          </>
        )}
      </QueryView>
    </>
  );
}
