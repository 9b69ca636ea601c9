import { ApiOutlined, SettingOutlined } from '@ant-design/icons';
import { Flex, Layout, Menu, Segmented, Tooltip, Typography, theme } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { GlobalSearch } from '../components/GlobalSearch';
import { PageSpinner } from '../components/PageSpinner';
import { UserMenu } from '../features/auth/UserMenu';
import { InboxBell } from '../features/inbox/InboxBell';
import type { NavEntry } from './feature';
import { activeNavKey, FEATURES } from './features';
import { currentLang, type Lang, setLanguage } from './i18n';
import { usePermissions } from './permissions';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const loc = useLocation();
  const { token } = theme.useToken();
  const perms = usePermissions();
  const lang: Lang = i18n.language === 'en-US' ? 'en-US' : currentLang();

  // Every feature's menu entries (found by app/features.ts), in their order, as the permission matrix allows.
  const entries = FEATURES.flatMap((f) => f.nav ?? [])
    .filter((n) => !n.visible || n.visible(perms))
    .sort((x, y) => x.order - y.order);
  const item = (n: NavEntry) => ({
    key: n.key,
    icon: n.icon,
    label: (
      <Link to={n.to} data-testid={n.testId}>
        {t(n.label as 'nav.home')}
      </Link>
    ),
  });
  const section = activeNavKey(
    loc.pathname,
    entries.map((n) => n.key),
  );
  const adminItems = entries.filter((n) => n.group === 'admin').map(item);
  const items = [
    ...entries.filter((n) => !n.group).map(item),
    {
      key: 'api-docs',
      icon: <ApiOutlined />,
      label: (
        <a href="/api/docs" target="_blank" rel="noreferrer" data-testid="api-docs-link">
          {t('nav.apiDocs')}
        </a>
      ),
    },
    ...(adminItems.length
      ? [
          {
            key: 'admin',
            icon: <SettingOutlined />,
            label: <span data-testid="nav-admin">{t('nav.admin')}</span>,
            children: adminItems,
          },
        ]
      : []),
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          paddingInline: 20,
          background: '#0b2545',
          height: 56,
          lineHeight: '56px',
        }}
      >
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10 }} data-testid="brand">
          <span
            aria-hidden
            style={{
              width: 28,
              height: 28,
              borderRadius: 6,
              background: 'linear-gradient(135deg,#13c2c2,#1677ff)',
              display: 'inline-flex',
              alignItems: 'center',
              justifyContent: 'center',
              color: '#fff',
              fontWeight: 700,
              fontSize: 15,
            }}
          >
            园
          </span>
          <Typography.Text style={{ color: '#fff', fontSize: 17, fontWeight: 600 }}>
            {t('app.fullName')}
          </Typography.Text>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.55)', fontSize: 13 }} className="hide-narrow">
            {t('app.tagline')}
          </Typography.Text>
        </Link>
        <Flex align="center" gap={16}>
          <GlobalSearch />
          <Tooltip title={t('app.switchLanguageTip')}>
            <Segmented<Lang>
              size="small"
              value={lang}
              onChange={(v) => setLanguage(v)}
              data-testid="lang-switch"
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en-US', label: 'English' },
              ]}
            />
          </Tooltip>
          <InboxBell />
          <UserMenu />
        </Flex>
      </Header>
      <Layout>
        <Sider
          width={196}
          breakpoint="lg"
          collapsedWidth={64}
          theme="light"
          style={{
            borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 56,
            height: 'calc(100vh - 56px)',
            overflow: 'auto',
          }}
        >
          <Menu
            mode="inline"
            selectedKeys={section ? [section] : []}
            defaultOpenKeys={section?.startsWith('/admin/') ? ['admin'] : []}
            items={items}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
            data-testid="nav"
          />
        </Sider>
        <Content style={{ padding: '20px 24px 32px', minWidth: 0 }}>
          <ErrorBoundary>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Content>
      </Layout>
    </Layout>
  );
}
