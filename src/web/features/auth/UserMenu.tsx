import {
  DownOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  PoweroffOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Avatar, Dropdown, type MenuProps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../../contracts/auth';
import { problemText } from '../../app/problems';
import { useCurrentUser, useEndSession } from '../../app/session';
import { signOut } from '../../client/auth';
import { ApiError } from '../../client/client';
import { ChangePasswordDialog } from './ChangePasswordDialog';

/** The header's account menu: who I am (name, role, organisation), password, API tokens, sign out. */
export function UserMenu() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const user = useCurrentUser();
  const end = useEndSession();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);
  if (!user) return null;
  const role = ROLE_LABELS[user.role][i18n.language === 'en-US' ? 'en' : 'zh'];

  const leave = async (everywhere: boolean) => {
    try {
      await signOut(everywhere);
    } catch (e) {
      // A session that already ended is signed out all the same.
      if (!(e instanceof ApiError && e.status === 401)) {
        void message.error(problemText(e, i18n.language, t('common.networkError')));
        return;
      }
    }
    end();
    navigate('/sign-in', { replace: true });
  };

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      className: 'user-menu-who',
      label: (
        <div data-testid="user-menu-who" style={{ cursor: 'default', maxWidth: 280 }}>
          <Typography.Text strong style={{ display: 'block' }}>
            {user.displayName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {user.username} · <span data-testid="user-role">{role}</span>
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>
            {user.organisationName}
          </Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    {
      key: 'password',
      icon: <LockOutlined />,
      label: <span data-testid="menu-change-password">{t('account.changePassword')}</span>,
    },
    { key: 'tokens', icon: <KeyOutlined />, label: <span data-testid="menu-tokens">{t('account.tokens')}</span> },
    { type: 'divider' },
    { key: 'sign-out', icon: <LogoutOutlined />, label: <span data-testid="sign-out">{t('account.signOut')}</span> },
    {
      key: 'sign-out-everywhere',
      icon: <PoweroffOutlined />,
      danger: true,
      label: <span data-testid="sign-out-everywhere">{t('account.signOutEverywhere')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') setChanging(true);
    else if (key === 'tokens') navigate('/account/tokens');
    else if (key === 'sign-out') void leave(false);
    else if (key === 'sign-out-everywhere')
      modal.confirm({
        title: t('account.signOutEverywhereTitle'),
        content: t('account.signOutEverywhereBody'),
        okText: t('account.signOutEverywhere'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: () => leave(true),
      });
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <button type="button" className="user-menu-button" data-testid="user-menu" aria-label={t('account.menu')}>
          <Avatar size={26} icon={<UserOutlined />} style={{ background: '#1666d6' }} />
          <span className="user-menu-name hide-narrow">{user.displayName}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </button>
      </Dropdown>
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
    </>
  );
}
