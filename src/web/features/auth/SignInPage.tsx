/**
 * Sign-in: user name and password; every refusal (wrong credentials, locked account, too many
 * attempts) in the current language; in demo mode the demo accounts, one click filling the form.
 * After signing in the user goes back to the address that sent them here (`?next=`).
 */
import { LockOutlined, LoginOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, List, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ROLE_LABELS } from '../../../contracts/auth';
import { currentLang, type Lang, setLanguage } from '../../app/i18n';
import { problemCode, problemText } from '../../app/problems';
import { safeNext, useSessionQuery, useStartSession } from '../../app/session';
import { type DemoAccount, signIn, useDemoAccounts } from '../../client/auth';
import { ApiError } from '../../client/client';

interface Values {
  username: string;
  password: string;
}

export default function SignInPage() {
  const { t, i18n } = useTranslation();
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const session = useSessionQuery();
  const start = useStartSession();
  const demo = useDemoAccounts();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(sp.get('next'));
  const lang: Lang = i18n.language === 'en-US' ? 'en-US' : currentLang();
  const en = lang === 'en-US';

  if (session.data && !busy) return <Navigate to={next} replace />;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const s = await signIn(v.username.trim(), v.password);
      start(s);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  const fill = (a: DemoAccount) => {
    form.setFieldsValue({ username: a.username, password: demo.data?.password ?? '' });
    setError(null);
  };

  const code = problemCode(error);
  // The sign-in throttle says how long this address must wait (the generic rate limit does not).
  const wait = error instanceof ApiError ? (error.problem as { retryAfter?: unknown }).retryAfter : undefined;
  const retryAfter = typeof wait === 'number' && wait > 0 ? wait : undefined;
  const accounts = demo.data?.items ?? [];
  return (
    <div className="sign-in-page">
      <section className="sign-in-brand" aria-hidden={false}>
        <Flex align="center" gap={12}>
          <span className="brand-mark brand-mark-lg">园</span>
          <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
            {t('app.fullName')}
          </Typography.Title>
        </Flex>
        <Typography.Paragraph className="sign-in-tagline">{t('app.tagline')}</Typography.Paragraph>
        <ul className="sign-in-points">
          <li>{t('auth.point1')}</li>
          <li>{t('auth.point2')}</li>
          <li>{t('auth.point3')}</li>
        </ul>
      </section>
      <main className="sign-in-main">
        <Flex justify="flex-end" className="sign-in-lang">
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
        </Flex>
        <div className="sign-in-column">
          <Card className="sign-in-card" data-testid="sign-in">
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="page-title">
              {t('auth.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
            {error !== null && (
              <Alert
                type={code === 'account_locked' || code === 'rate_limited' ? 'warning' : 'error'}
                showIcon
                style={{ marginBottom: 16 }}
                title={problemText(error, i18n.language, t('common.networkError'))}
                description={
                  code === 'account_locked'
                    ? t('auth.lockedHint')
                    : code === 'rate_limited'
                      ? retryAfter
                        ? t('auth.retryAfterHint', { seconds: retryAfter })
                        : t('auth.rateLimitedHint')
                      : undefined
                }
                data-testid="sign-in-error"
                data-code={code}
              />
            )}
            <Form<Values>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => void submit(v)}
              name="sign-in"
              size="large"
            >
              <Form.Item
                name="username"
                label={t('auth.username')}
                rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
              >
                <Input
                  prefix={<UserOutlined />}
                  autoComplete="username"
                  autoFocus
                  data-testid="username"
                  autoCapitalize="none"
                  spellCheck={false}
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('auth.password')}
                rules={[{ required: true, message: t('auth.passwordRequired') }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password" />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                block
                loading={busy}
                icon={<LoginOutlined />}
                data-testid="sign-in-submit"
              >
                {t('auth.submit')}
              </Button>
            </Form>
          </Card>
          {accounts.length > 0 && (
            <Card
              size="small"
              className="sign-in-demo"
              data-testid="demo-accounts"
              title={t('auth.demoTitle')}
              extra={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('auth.demoPassword')} <Typography.Text code>{demo.data?.password}</Typography.Text>
                </Typography.Text>
              }
            >
              <List
                size="small"
                dataSource={accounts}
                renderItem={(a) => (
                  <List.Item
                    className="demo-account"
                    onClick={() => fill(a)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        fill(a);
                      }
                    }}
                    tabIndex={0}
                    role="button"
                    aria-label={t('auth.demoFill', { name: a.username })}
                    data-testid={`demo-${a.username}`}
                  >
                    <Flex justify="space-between" align="center" gap={8} style={{ width: '100%', minWidth: 0 }}>
                      <span style={{ minWidth: 0 }}>
                        <Typography.Text strong>{a.username}</Typography.Text>{' '}
                        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                          {a.organisationName}
                        </Typography.Text>
                      </span>
                      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                        {ROLE_LABELS[a.role][en ? 'en' : 'zh']}
                      </Tag>
                    </Flex>
                  </List.Item>
                )}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('auth.demoNote')}
              </Typography.Text>
            </Card>
          )}
        </div>
      </main>
    </div>
  );
}
